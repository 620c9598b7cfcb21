package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.settings.InMemorySettingsSource;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSenderProvider;
import dev.notify.spi.SenderContext;
import dev.notify.testkit.time.ManualScheduler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection reuse, counted on the server's side. */
class ConnectionPoolTest {

    private ScriptedSmtpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new ScriptedSmtpServer();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void thousandSequentialSendsUseOneConnectionAndNoNoop() {
        try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build())) {
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                sender.send(TestSettings.message());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("1000 sequential sends over one connection: " + millis + " ms");
        }
        assertThat(server.messages()).isEqualTo(1000);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.noops()).isZero();
    }

    @Test
    void fourThreadsUseAtMostThePoolSize() throws Exception {
        Layer layer = TestSettings.scripted(server.port()).set("email.smtp.pool.max-connections", "2").build();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (SmtpSender sender = TestSettings.sender(layer)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 50; i++) {
                        sender.send(TestSettings.message());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : results) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(server.messages()).isEqualTo(200);
        assertThat(server.maxOpenAtOnce()).isLessThanOrEqualTo(2);
        assertThat(server.connections()).isBetween(1, 2);
    }

    @Test
    void connectionIdleLongerThanTheValidationThresholdIsCheckedWithNoop() {
        AtomicLong clock = new AtomicLong();
        SenderOptions options = SenderOptions.defaults().withNanoTime(clock::get);
        try (SmtpSender sender = SmtpSender.create(
                TestSettings.context(TestSettings.resolve(TestSettings.scripted(server.port()).build())), options)) {
            sender.send(TestSettings.message());
            sender.send(TestSettings.message());
            assertThat(server.noops()).isZero();
            clock.addAndGet(SenderOptions.DEFAULT_VALIDATE_AFTER_IDLE.plusMillis(1).toNanos());

            sender.send(TestSettings.message());
        }
        assertThat(server.noops()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void connectionPastTheIdleTimeoutIsReplacedOnTheNextSend() {
        AtomicLong clock = new AtomicLong();
        SenderOptions options = SenderOptions.defaults().withNanoTime(clock::get);
        Layer layer = TestSettings.scripted(server.port()).set("email.smtp.pool.idle-timeout", "30s").build();
        try (SmtpSender sender = SmtpSender.create(TestSettings.context(TestSettings.resolve(layer)), options)) {
            sender.send(TestSettings.message());
            clock.addAndGet(Duration.ofSeconds(31).toNanos());

            sender.send(TestSettings.message());
        }
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.noops()).isZero();
    }

    @Test
    void idleConnectionIsClosedByASweepOnTheNotifiersSchedulerAfterTheIdleTimeout() throws Exception {
        ManualScheduler time = ManualScheduler.startingAt(Instant.EPOCH);
        SenderOptions options = SenderOptions.defaults().withNanoTime(() -> nanosSinceEpoch(time.clock()));
        Layer layer = TestSettings.scripted(server.port()).set("email.smtp.pool.idle-timeout", "30s").build();
        try (SmtpSender sender = SmtpSender.create(new SenderContext(TestSettings.resolve(layer), time.clock(), time),
                options)) {
            sender.send(TestSettings.message());
            assertThat(time.pending()).isEqualTo(1);

            time.advance(Duration.ofSeconds(29));

            assertThat(time.pending()).as("the 15 s sweep kept the connection and scheduled the next").isEqualTo(1);

            time.advance(Duration.ofSeconds(2));

            assertThat(server.awaitSessionsEnded(1, Duration.ofSeconds(30))).isTrue();
            assertThat(server.closedByClient()).isEqualTo(1);
            assertThat(time.pending()).isZero();
            sender.send(TestSettings.message());
        }
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void twoHundredSendersStartNoPoolThreadsAndShareTheNotifiersScheduler() {
        ManualScheduler time = ManualScheduler.startingAt(Instant.EPOCH);
        SenderContext context = new SenderContext(TestSettings.resolve(TestSettings.scripted(server.port()).build()),
                Clock.systemUTC(), time);
        List<String> before = liveThreads("notify-smtp");
        List<SmtpSender> senders = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                senders.add(SmtpSender.create(context, SenderOptions.defaults()));
            }
            List<String> created = liveThreads("notify-smtp");
            for (SmtpSender sender : senders) {
                sender.send(TestSettings.message());
            }
            List<String> sent = liveThreads("notify-smtp");
            System.out.println("200 senders: notify-smtp threads before " + before.size() + ", after creating "
                    + created.size() + ", after one send each " + sent.size() + " ("
                    + liveThreads("notify-smtp-write-timeouts").size() + " write-timeout watchdogs)");

            assertThat(created).isEqualTo(before);
            assertThat(liveThreads("notify-smtp-pool")).isEmpty();
            assertThat(server.openNow()).isEqualTo(200);
            assertThat(time.pending()).isEqualTo(200);
        } finally {
            senders.forEach(SmtpSender::close);
        }
        assertThat(time.pending()).as("closing a sender cancels its sweep").isZero();
    }

    private static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).sorted().toList();
    }

    private static long nanosSinceEpoch(Clock clock) {
        return Duration.between(Instant.EPOCH, clock.instant()).toNanos();
    }

    @Test
    void closingTheSenderClosesItsConnections() {
        SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port()).build());
        sender.send(TestSettings.message());
        assertThat(server.openNow()).isEqualTo(1);

        sender.close();

        awaitNoOpenConnections();
        assertThat(server.closedByClient()).isEqualTo(1);
    }

    @Test
    void settingsChangeClosesTheOldSendersConnections() {
        Layer before = TestSettings.scripted(server.port()).build();
        InMemorySettingsSource source = new InMemorySettingsSource(Settings.of(before));
        try (Notifier notifier = Notifier.builder().settings(source).provider(new SmtpSenderProvider())
                .discoverProviders(false).build()) {
            SendResult first = notifier.global().sendEmail(TestSettings.message());
            assertThat(first.isAccepted()).isTrue();
            assertThat(server.openNow()).isEqualTo(1);

            source.update(Settings.of(Layer.builder(before).set("email.smtp.read-timeout", "3s").build()));
            SendResult second = notifier.global().sendEmail(TestSettings.message());

            assertThat(second.isAccepted()).isTrue();
            assertThat(server.connections()).isEqualTo(2);
            awaitOpenConnections(1);
            assertThat(server.closedByClient()).isEqualTo(1);
        }
    }

    private void awaitNoOpenConnections() {
        awaitOpenConnections(0);
    }

    private void awaitOpenConnections(int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (server.openNow() != expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.openNow()).isEqualTo(expected);
    }
}
