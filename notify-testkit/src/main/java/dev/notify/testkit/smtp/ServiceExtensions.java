package dev.notify.testkit.smtp;

/**
 * The SMTP service extensions the test kit's own server offers beyond those it always offers (8BITMIME, SMTPUTF8,
 * ENHANCEDSTATUSCODES, and STARTTLS and AUTH as its TLS mode and account call for).
 *
 * @param pipelining PIPELINING (RFC 2920): the replies to a group of commands are written together
 * @param chunking CHUNKING (RFC 3030): {@code BDAT <size> [LAST]} besides DATA
 */
record ServiceExtensions(boolean pipelining, boolean chunking) {

    static final ServiceExtensions NONE = new ServiceExtensions(false, false);

    boolean any() {
        return pipelining || chunking;
    }
}
