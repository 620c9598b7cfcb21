package dev.notify.reliability.smtp;

import dev.notify.reliability.support.FaultySmtpServer;

/** {@link PoolAndTlsFaultsTest} against a server that offers PIPELINING and CHUNKING. */
class PipelinedPoolAndTlsFaultsTest extends PoolAndTlsFaultsTest {

    @Override
    FaultySmtpServer offering(FaultySmtpServer plain) {
        return plain.offering("PIPELINING", "CHUNKING");
    }
}
