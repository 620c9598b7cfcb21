package dev.notify.benchmarks.contenders;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.ServerNotifier;
import dev.notify.benchmarks.harness.Contender;
import dev.notify.benchmarks.harness.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * notify through {@code sendEmailAsync}: one thread queues every message, the notifier's C async threads send
 * them, and the run ends when every future has completed.
 */
public final class NotifyAsync implements Contender {

    private static final int QUEUE = 100_000;

    @Override
    public String id() {
        return "notify-async";
    }

    @Override
    public Client open(Target target, int threads) {
        Notifier notifier = NotifySettings.notifier(target, threads, QUEUE);
        ServerNotifier server = notifier.server(NotifySettings.SERVER);
        return new Client() {
            @Override
            public void send(String run, int count) {
                List<CompletableFuture<SendResult>> futures = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    futures.add(server.sendEmailAsync(NotifySync.message(run, i)));
                }
                for (CompletableFuture<SendResult> future : futures) {
                    SendResult result = future.join();
                    if (result.status() != SendStatus.ACCEPTED) {
                        throw new IllegalStateException("not accepted: " + result);
                    }
                }
            }

            @Override
            public void close() {
                notifier.close();
            }
        };
    }
}
