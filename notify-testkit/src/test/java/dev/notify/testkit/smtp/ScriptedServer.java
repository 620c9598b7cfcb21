package dev.notify.testkit.smtp;

import java.io.IOException;
import java.util.List;

/** The test kit's own server on loopback without TLS, started directly so that a test decides how it pauses. */
final class ScriptedServer implements AutoCloseable {

    private final FaultInjectingServer server;
    private final int port;

    ScriptedServer(ServiceExtensions extensions, Pause pause, SmtpFault... faults) {
        server = new FaultInjectingServer(new SessionSetup(TlsMode.NONE, null, null, null,
                new FaultPlan(List.of(faults)), extensions, new Inbox(), pause));
        port = server.start();
    }

    SmtpDialogue connect() throws IOException {
        return new SmtpDialogue("127.0.0.1", port);
    }

    @Override
    public void close() {
        server.stop();
    }
}
