package dev.notify.benchmarks.contenders;

import dev.notify.benchmarks.harness.Contender;
import dev.notify.benchmarks.harness.Target;
import dev.notify.benchmarks.harness.Workers;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/** Jakarta Mail on Angus with {@code Transport.send}: a new connection per message. */
public final class JakartaNewConnection implements Contender {

    @Override
    public String id() {
        return "jakarta-send";
    }

    @Override
    public Client open(Target target, int threads) {
        Session session = Session.getInstance(JakartaProperties.of(target));
        return new Client() {
            @Override
            public void send(String run, int count) throws Exception {
                Workers.run(threads, count, (thread, i) -> {
                    MimeMessage m = JakartaMessages.build(session, run, i);
                    if (target.secure()) {
                        Transport.send(m, target.username(), target.password());
                    } else {
                        Transport.send(m);
                    }
                });
            }

            @Override
            public void close() {
            }
        };
    }
}
