package dev.notify.smtp;

/** Whether notify pipelines its SMTP commands ({@code email.smtp.pipelining}). */
public enum SmtpPipelining {
    /**
     * Pipelining (RFC 2920) when the server offers PIPELINING after EHLO: a message's MAIL FROM, RCPT TO and DATA
     * go out as one group, and with CHUNKING (RFC 3030) the content goes in the same group as {@code BDAT ... LAST}.
     * A server that offers neither gets one command at a time.
     */
    AUTO("auto"),
    /** One command at a time, whatever the server offers: for a relay that offers PIPELINING but mishandles it. */
    OFF("off");

    private final String id;

    SmtpPipelining(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
