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

    /** What {@link SmtpServerExtension#EXTENSIONS_PROPERTY} asks every server for; none when it is not set. */
    static ServiceExtensions fromSystemProperty() {
        String value = System.getProperty(SmtpServerExtension.EXTENSIONS_PROPERTY, "").strip();
        boolean pipelining = false;
        boolean chunking = false;
        for (String keyword : value.isEmpty() ? new String[0] : value.split("\\s*,\\s*")) {
            switch (keyword.toUpperCase(java.util.Locale.ROOT)) {
                case "PIPELINING" -> pipelining = true;
                case "CHUNKING" -> chunking = true;
                default -> throw new IllegalArgumentException(SmtpServerExtension.EXTENSIONS_PROPERTY
                        + " lists PIPELINING and CHUNKING, separated by commas; not '" + keyword + "'");
            }
        }
        return new ServiceExtensions(pipelining, chunking);
    }

    boolean any() {
        return pipelining || chunking;
    }
}
