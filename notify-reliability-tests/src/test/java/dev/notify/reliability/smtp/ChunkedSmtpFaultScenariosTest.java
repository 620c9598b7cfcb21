package dev.notify.reliability.smtp;

import dev.notify.reliability.support.FaultySmtpServer;

/** {@link SmtpFaultScenariosTest} against a server that offers PIPELINING and CHUNKING (BDAT). */
class ChunkedSmtpFaultScenariosTest extends SmtpFaultScenariosTest {

    @Override
    FaultySmtpServer offering(FaultySmtpServer plain) {
        return plain.offering("PIPELINING", "CHUNKING");
    }
}
