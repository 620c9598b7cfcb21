package dev.notify.testkit.smtp;

import javax.net.ssl.SSLContext;

/**
 * What every session of the test kit's own SMTP server shares: its TLS mode and context (null for
 * {@link TlsMode#NONE}), the account (null for none), the faults, the extensions it offers, the inbox it records
 * into, and how it waits where a fault delays it.
 */
record SessionSetup(TlsMode tls, SSLContext sslContext, String user, String password, FaultPlan faults,
        ServiceExtensions extensions, Inbox inbox, Pause pause) {
}
