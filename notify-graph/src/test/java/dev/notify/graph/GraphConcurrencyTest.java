package dev.notify.graph;

import static dev.notify.graph.GraphTokenTest.mail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.ServerNotifier;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.graph.GraphServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphConcurrencyTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void twentyParallelSendsKeepAtMostFourRequestsInFlightShareOneTokenAndAllSucceed() throws Exception {
        graph.sendMailDelay(Duration.ofMillis(150));
        List<Future<SendResult>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try (Notifier notifier = GraphFixture.notifier(graph)) {
            notifier.global().check();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 20; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return notifier.global().sendEmail(mail("parallel " + n));
                }));
            }
            start.countDown();
            for (Future<SendResult> result : results) {
                assertThat(result.get().attempts()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(graph.maxConcurrentSendMails()).isEqualTo(4);
        assertThat(graph.tokenRequests()).hasSize(1);
        assertThat(graph.sendMailRequestCount()).isEqualTo(20);
        assertThat(graph.messages()).hasSize(20);
    }

    @Test
    void sendersOfTheSameAppShareTheLimitOfFourRequestsInFlight() throws Exception {
        graph.sendMailDelay(Duration.ofMillis(150));
        Settings settings = Settings.builder()
                .global(graph.layer())
                .server("eu-1", Layer.builder().set(GraphSettingKeys.SAVE_TO_SENT_ITEMS, true).build())
                .build();
        List<Future<SendResult>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try (Notifier notifier = Notifier.builder().settings(settings).build()) {
            notifier.global().check();
            notifier.server("eu-1").check();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 20; i++) {
                ServerNotifier target = i % 2 == 0 ? notifier.global() : notifier.server("eu-1");
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return target.sendEmail(mail("shared " + n));
                }));
            }
            start.countDown();
            for (Future<SendResult> result : results) {
                assertThat(result.get().isAccepted()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(graph.maxConcurrentSendMails()).isEqualTo(4);
        assertThat(graph.messages()).hasSize(20);
    }
}
