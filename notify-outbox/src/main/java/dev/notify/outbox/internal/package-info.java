/** The outbox's implementation. Not an API: it may change at any time. */
package dev.notify.outbox.internal;
