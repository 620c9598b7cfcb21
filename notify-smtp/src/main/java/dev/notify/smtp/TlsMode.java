package dev.notify.smtp;

/** How an SMTP connection is secured ({@code email.smtp.tls}). */
public enum TlsMode {
    /** Plain text. Only for relays on a trusted network. */
    NONE("none"),
    /** Required STARTTLS: when the server does not offer it, nothing is sent. Usually port 587 or 25. */
    STARTTLS("starttls"),
    /** TLS from the first byte (SMTPS). Usually port 465. */
    IMPLICIT("implicit");

    private final String id;

    TlsMode(String id) {
        this.id = id;
    }

    /** The value as written in settings. */
    public String id() {
        return id;
    }
}
