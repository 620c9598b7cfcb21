package dev.notify.reliability.input;

import dev.notify.reliability.support.FaultySmtpServer;

/**
 * {@link SmtpWireSafetyTest} against a server that offers PIPELINING and CHUNKING: the content goes as one
 * {@code BDAT <size> LAST} in the same group as MAIL and RCPT, counted rather than dot-stuffed.
 */
class ChunkedSmtpWireSafetyTest extends SmtpWireSafetyTest {

    @Override
    FaultySmtpServer offering(FaultySmtpServer plain) {
        return plain.offering("PIPELINING", "CHUNKING");
    }

    @Override
    String contentCommand() {
        return "BDAT";
    }
}
