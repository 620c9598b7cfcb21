package dev.notify.reliability.smtp;

import dev.notify.reliability.support.FaultySmtpServer;

/** {@link SmtpFaultScenariosTest} against a server that offers PIPELINING. */
class PipelinedSmtpFaultScenariosTest extends SmtpFaultScenariosTest {

    @Override
    FaultySmtpServer offering(FaultySmtpServer plain) {
        return plain.offering("PIPELINING");
    }
}
