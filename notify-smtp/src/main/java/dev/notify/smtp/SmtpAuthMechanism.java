package dev.notify.smtp;

/** How notify authenticates to an SMTP server when {@code email.smtp.auth.enabled} is true. */
public enum SmtpAuthMechanism {
    /** AUTH PLAIN or LOGIN with {@code email.smtp.auth.username} and {@code email.smtp.auth.password}. */
    PASSWORD("password"),
    /**
     * AUTH XOAUTH2 with a client-credentials token for the {@code email.graph.*} app registration
     * (Microsoft 365 after basic authentication is switched off); the user name is the mailbox.
     */
    XOAUTH2("xoauth2");

    private final String id;

    SmtpAuthMechanism(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
