package dev.notify.benchmarks.contenders;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.ServerNotifier;
import dev.notify.benchmarks.harness.Contender;
import dev.notify.benchmarks.harness.Mail;
import dev.notify.benchmarks.harness.Target;
import dev.notify.benchmarks.harness.Workers;
import dev.notify.message.EmailMessage;

/** notify through its public API: {@code Notifier.server(id).sendEmail}, one call per message, on C threads. */
public final class NotifySync implements Contender {

    @Override
    public String id() {
        return "notify-sync";
    }

    @Override
    public Client open(Target target, int threads) {
        Notifier notifier = NotifySettings.notifier(target, threads, 1);
        ServerNotifier server = notifier.server(NotifySettings.SERVER);
        return new Client() {
            @Override
            public void send(String run, int count) throws Exception {
                Workers.run(threads, count, (thread, i) -> {
                    SendResult result = server.sendEmail(message(run, i));
                    if (result.status() != SendStatus.ACCEPTED) {
                        throw new IllegalStateException("not accepted: " + result);
                    }
                });
            }

            @Override
            public void close() {
                notifier.close();
            }
        };
    }

    static EmailMessage message(String run, int sequence) {
        return EmailMessage.builder().to(Mail.TO).subject(Mail.subject(run, sequence)).text(Mail.BODY).build();
    }
}
