package dev.notify.reliability.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.EmailMessage;
import dev.notify.reliability.support.FaultSettings;
import dev.notify.reliability.support.FaultySmtpServer;
import dev.notify.reliability.support.KnownSecrets;
import dev.notify.reliability.support.Script;
import dev.notify.reliability.support.SecretScan;
import dev.notify.reliability.support.Step;
import dev.notify.reliability.support.Transaction;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSenderProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 2,000 messages through a notifier with 4 async threads and 4 pooled connections, while the server fails one
 * transaction in ten with a transient fault (451 at MAIL, 451 at RCPT, a reset after 354, a dropped connection
 * after the final dot). Every message must be accepted at least once and none lost; messages the server got
 * twice are counted and printed; no notify thread may outlive close().
 */
class SmtpSoakTest {

    private static final int MESSAGES = 2000;
    private static final int FAULT_EVERY = 10;

    @RegisterExtension
    final SecretScan scan = new SecretScan();

    /** One transaction in {@link #FAULT_EVERY} fails, with the four faults taking turns. */
    private static final class TenPercentFaults implements Script {
        final AtomicInteger injected = new AtomicInteger();

        private int fault(int transaction) {
            return transaction % FAULT_EVERY == 0 ? (transaction / FAULT_EVERY) % 4 : -1;
        }

        private Step inject(Step step) {
            injected.incrementAndGet();
            return step;
        }

        @Override
        public Step mail(int transaction, String from) {
            return fault(transaction) == 0 ? inject(Step.reply("451 4.3.0 Temporary local problem"))
                    : Script.super.mail(transaction, from);
        }

        @Override
        public Step rcpt(int transaction, String address, int timesSeen) {
            return fault(transaction) == 1 ? inject(Step.reply("451 4.2.0 Greylisted, try again"))
                    : Script.super.rcpt(transaction, address, timesSeen);
        }

        @Override
        public Step data(int transaction) {
            return fault(transaction) == 2 ? inject(Step.replyAndReset("354 Go ahead"))
                    : Script.super.data(transaction);
        }

        @Override
        public Step endOfData(int transaction) {
            return fault(transaction) == 3 ? inject(Step.close()) : Script.super.endOfData(transaction);
        }
    }

    @Test
    void twoThousandMessagesWithTenPercentTransientFaultsAreAllAcceptedAndNoThreadLeaks() throws Exception {
        TenPercentFaults faults = new TenPercentFaults();
        Set<Thread> threadsBefore = notifyThreads();
        List<SendResult> results = new ArrayList<>();
        long start = System.nanoTime();
        int connections;
        List<Transaction> transactions;
        try (FaultySmtpServer server = FaultySmtpServer.plain().account(KnownSecrets.USER, KnownSecrets.PASSWORD)
                .script(faults)) {
            Layer layer = FaultSettings.smtp(server.port())
                    .set("email.smtp.connect-timeout", "2s")
                    .set("email.smtp.read-timeout", "5s")
                    .set("email.smtp.pool.max-connections", "4")
                    .set("email.retry.max-attempts", "10")
                    .set("email.retry.initial-delay", "1ms")
                    .set("email.retry.max-delay", "10ms")
                    .build();
            try (Notifier notifier = Notifier.builder().settings(Settings.of(layer))
                    .provider(new SmtpSenderProvider()).discoverProviders(false)
                    .asyncThreads(4).asyncQueueCapacity(MESSAGES).build()) {
                List<CompletableFuture<SendResult>> futures = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    futures.add(notifier.global().sendEmailAsync(EmailMessage.builder()
                            .to("user" + (i % 50) + "@notify.example")
                            .subject(String.format("Soak %04d", i))
                            .text("Message " + i + " of the soak test.")
                            .build()));
                }
                CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
                for (CompletableFuture<SendResult> f : futures) {
                    results.add(f.get());
                }
            }
            connections = server.connections();
            transactions = server.transactions();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Set<Thread> leaked = aliveAfterJoin(threadsBefore);

        Map<String, List<Transaction>> byMessageId = transactions.stream().filter(Transaction::complete)
                .collect(Collectors.groupingBy(Transaction::messageId));
        Set<String> acknowledged = transactions.stream().filter(Transaction::acknowledged)
                .map(Transaction::messageId).collect(Collectors.toSet());
        Set<String> subjects = transactions.stream().filter(Transaction::acknowledged).map(Transaction::subject)
                .collect(Collectors.toSet());
        long duplicates = byMessageId.values().stream().mapToLong(l -> l.size() - 1).sum();
        long acknowledgedTwice = transactions.stream().filter(Transaction::acknowledged)
                .collect(Collectors.groupingBy(Transaction::messageId, Collectors.counting()))
                .values().stream().filter(n -> n > 1).count();
        int maxAttempts = results.stream().mapToInt(SendResult::attempts).max().orElse(0);
        long retried = results.stream().filter(r -> r.attempts() > 1).count();
        System.out.printf("Soak: %d messages in %d ms; %d transactions, %d faults injected, %d connections; "
                        + "%d messages retried (at most %d attempts); %d duplicates received "
                        + "(content arrived again after a lost reply), %d acknowledged twice%n",
                MESSAGES, elapsed.toMillis(), transactions.size(), faults.injected.get(), connections, retried,
                maxAttempts, duplicates, acknowledgedTwice);

        assertThat(results).hasSize(MESSAGES).allSatisfy(r -> assertThat(r.status()).isEqualTo(SendStatus.ACCEPTED));
        Set<String> sentIds = results.stream().map(r -> r.messageId().orElseThrow()).collect(Collectors.toSet());
        assertThat(sentIds).hasSize(MESSAGES);
        assertThat(acknowledged).containsExactlyInAnyOrderElementsOf(sentIds);
        assertThat(subjects).hasSize(MESSAGES);
        assertThat(faults.injected.get()).isGreaterThanOrEqualTo(MESSAGES / FAULT_EVERY);
        assertThat(retried).isPositive();
        assertThat(acknowledgedTwice).isZero();
        assertThat(duplicates).isLessThanOrEqualTo(faults.injected.get());
        assertThat(leaked).isEmpty();
        assertThat(elapsed).isLessThan(Duration.ofSeconds(30));
    }

    private static Set<Thread> notifyThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("notify-"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<Thread> aliveAfterJoin(Set<Thread> before) throws InterruptedException {
        Set<Thread> started = notifyThreads();
        started.removeAll(before);
        for (Thread t : started) {
            t.join(2000);
        }
        return started.stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }
}
