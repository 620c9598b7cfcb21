package dev.notify.reliability.input;

import dev.notify.reliability.support.FaultySmtpServer;

/** {@link SmtpWireSafetyTest} against a server that offers PIPELINING: MAIL, RCPT and DATA go as one group. */
class PipelinedSmtpWireSafetyTest extends SmtpWireSafetyTest {

    @Override
    FaultySmtpServer offering(FaultySmtpServer plain) {
        return plain.offering("PIPELINING");
    }
}
