/**
 * The implementation of the shared Microsoft identity component: msal4j applications, token error mapping, and
 * app registration IDs. Not public API: it may change in any release without notice, and it is not exported.
 */
package dev.notify.microsoft.internal;
