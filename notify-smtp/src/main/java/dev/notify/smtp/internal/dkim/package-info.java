/**
 * DKIM signing (RFC 6376, with Ed25519 from RFC 8463) on the JDK's own cryptography: a {@link
 * dev.notify.smtp.internal.dkim.DkimSigner} takes a message's final bytes and returns the DKIM-Signature field
 * to put in front of them, independent of how the message is written to the server. Not public API: it may
 * change in any release without notice, and it is not exported from the module.
 */
package dev.notify.smtp.internal.dkim;
