package dev.notify.benchmarks.contenders;

import dev.notify.benchmarks.harness.Contender;
import dev.notify.benchmarks.harness.Target;
import dev.notify.benchmarks.harness.Workers;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Jakarta Mail on Angus with one connected {@link Transport} per thread, kept for every message. It tracks the
 * connection itself, as {@code isConnected()} would send a NOOP per message.
 */
public final class JakartaReusedTransport implements Contender {

    @Override
    public String id() {
        return "jakarta-reused";
    }

    @Override
    public Client open(Target target, int threads) throws MessagingException {
        Session session = Session.getInstance(JakartaProperties.of(target));
        Transport[] transports = new Transport[threads];
        boolean[] connected = new boolean[threads];
        for (int t = 0; t < threads; t++) {
            transports[t] = session.getTransport("smtp");
        }
        return new Client() {
            @Override
            public void send(String run, int count) throws Exception {
                Workers.run(threads, count, (thread, i) -> {
                    Transport transport = transports[thread];
                    if (!connected[thread]) {
                        transport.connect(target.host(), target.port(),
                                target.secure() ? target.username() : null,
                                target.secure() ? target.password() : null);
                        connected[thread] = true;
                    }
                    MimeMessage m = JakartaMessages.build(session, run, i);
                    transport.sendMessage(m, m.getAllRecipients());
                });
            }

            @Override
            public void close() {
                for (Transport transport : transports) {
                    try {
                        transport.close();
                    } catch (MessagingException e) {
                        throw new IllegalStateException("closing a transport failed", e);
                    }
                }
            }
        };
    }
}
