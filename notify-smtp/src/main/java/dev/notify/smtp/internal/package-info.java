/**
 * The SMTP provider's implementation. Not public API: it may change in any release without notice, and it is
 * not exported from the module.
 */
package dev.notify.smtp.internal;
