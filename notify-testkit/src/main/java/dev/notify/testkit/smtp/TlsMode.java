package dev.notify.testkit.smtp;

/** How a test server secures connections; {@link #id} is the matching value of {@code email.smtp.tls}. */
enum TlsMode {
    NONE("none"), STARTTLS("starttls"), IMPLICIT("implicit");

    final String id;

    TlsMode(String id) {
        this.id = id;
    }
}
