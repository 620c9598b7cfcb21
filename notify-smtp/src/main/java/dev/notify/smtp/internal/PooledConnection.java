package dev.notify.smtp.internal;

import jakarta.mail.MessagingException;

/** One open SMTP connection of a {@link ConnectionPool}, used by one send at a time. */
final class PooledConnection {

    private final NotifyTransport transport;
    private final boolean reused;
    private long idleSinceNanos;

    PooledConnection(NotifyTransport transport, boolean reused, long idleSinceNanos) {
        this.transport = transport;
        this.reused = reused;
        this.idleSinceNanos = idleSinceNanos;
    }

    NotifyTransport transport() {
        return transport;
    }

    /** Whether the connection had served an earlier send (and so may have been dropped by the server since). */
    boolean reused() {
        return reused;
    }

    PooledConnection idleFrom(long nanos) {
        return new PooledConnection(transport, true, nanos);
    }

    long idleNanos(long now) {
        return now - idleSinceNanos;
    }

    void close() {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // The connection is being discarded; a failing QUIT changes nothing.
        }
    }
}
