/**
 * Certificates made at run time for TLS test servers on loopback, and the trust stores and SSL contexts that
 * accept them. Needs {@code org.bouncycastle:bcpkix-jdk18on} on the test class path.
 */
package dev.notify.testkit.tls;
