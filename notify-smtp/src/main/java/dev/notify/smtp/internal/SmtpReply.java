package dev.notify.smtp.internal;

/**
 * One reply of an SMTP server.
 *
 * @param code the reply code, 200 to 599
 * @param text the whole reply as the server wrote it, codes included, lines separated by {@code \n}
 */
record SmtpReply(int code, String text) {

    boolean positive() {
        return code >= 200 && code < 300;
    }

    /** 4xx or 5xx: a refusal the transaction can report; anything else where a refusal is possible is out of step. */
    boolean refusal() {
        return code >= 400 && code < 600;
    }

    /** The server closes the connection after this reply (RFC 5321 3.8). */
    boolean closing() {
        return code == 421;
    }
}
