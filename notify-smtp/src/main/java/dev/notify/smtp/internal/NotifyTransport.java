package dev.notify.smtp.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, made directly (no provider lookup by class name), remembering what a check reports
 * and a failure needs: the server's greeting, its extensions before and after STARTTLS, and whether the message
 * data had started to go out.
 *
 * <p>Not threadsafe beyond what {@link SMTPTransport} synchronizes: one thread uses it at a time.
 */
final class NotifyTransport extends SMTPTransport {

    private String greeting;
    private String firstEhlo;
    private String lastEhlo;
    private boolean dataStarted;

    NotifyTransport(Session session) {
        super(session, new URLName("smtp", null, -1, null, null, null));
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        int code = super.readServerResponse();
        if (greeting == null) {
            greeting = getLastServerResponse();
        }
        return code;
    }

    @Override
    protected boolean ehlo(String domain) throws MessagingException {
        boolean ok = super.ehlo(domain);
        if (firstEhlo == null) {
            firstEhlo = getLastServerResponse();
        }
        lastEhlo = getLastServerResponse();
        return ok;
    }

    @Override
    protected OutputStream data() throws MessagingException {
        dataStarted = true;
        return super.data();
    }

    /** Resets the per-message state before a send. */
    void beforeSend() {
        dataStarted = false;
    }

    /** Whether the message content had started to go out in the last send. */
    boolean dataStarted() {
        return dataStarted;
    }

    /** The greeting line(s), or null before the connection. */
    String greeting() {
        return greeting;
    }

    /** Whether the server's first EHLO reply offered STARTTLS; false before EHLO. */
    boolean offeredStartTls() {
        return firstEhlo != null && firstEhlo.toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\b250[- ]STARTTLS\\b.*");
    }

    /** Whether the server has replied to EHLO. */
    boolean ehloDone() {
        return firstEhlo != null;
    }

    /** The latest EHLO reply (after STARTTLS when there was one), or null. */
    String lastEhlo() {
        return lastEhlo;
    }
}
