package dev.notify.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphBatchTest {

    private static final int MESSAGES = 21;

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void queuedSendsWaitingForTheMailboxGoAsOneBatchWithEachMessagesOwnResult() throws Exception {
        graph.sendMailDelay(Duration.ofMillis(300));

        List<SendResult> results;
        try (Notifier notifier = notifier()) {
            results = sendAsync(notifier, 0);
        }

        assertThat(results).allSatisfy(r -> assertThat(r.isAccepted()).isTrue());
        assertThat(graph.messages()).hasSize(MESSAGES);
        assertThat(graph.batchSizes()).isNotEmpty().allSatisfy(size -> assertThat(size).isBetween(2, 20));
        assertThat(graph.sendMailRequestCount()).isEqualTo(MESSAGES);
        assertThat(results).filteredOn(r -> r.details().containsKey("graph.batch-size"))
                .hasSize(graph.batchSizes().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void throttledRequestInsideABatchIsRetriedForThatMessageOnlyAfterItsRetryAfter() throws Exception {
        graph.sendMailDelay(Duration.ofMillis(300));

        List<SendResult> results;
        try (Notifier notifier = notifier()) {
            results = sendAsync(notifier, 1);
        }

        assertThat(results).allSatisfy(r -> assertThat(r.isAccepted()).isTrue());
        assertThat(results).filteredOn(r -> r.attempts() == 2).singleElement()
                .satisfies(r -> assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(results).filteredOn(r -> r.attempts() == 1).hasSize(MESSAGES - 1);
        assertThat(graph.messages()).hasSize(MESSAGES);
        assertThat(graph.sendMailRequestCount()).isEqualTo(MESSAGES + 1);
    }

    @Test
    void synchronousSendsStaySingleEvenFromManyThreads() throws Exception {
        graph.sendMailDelay(Duration.ofMillis(100));
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try (Notifier notifier = notifier()) {
            List<Future<SendResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int id = i;
                results.add(callers.submit(() -> notifier.global().sendEmail(mail(id))));
            }
            for (Future<SendResult> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS).isAccepted()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(graph.batchSizes()).isEmpty();
        assertThat(graph.sendMailRequestCount()).isEqualTo(6);
    }

    /**
     * Sends {@link #MESSAGES} asynchronously: the first goes alone while the others wait for the app's one request
     * slot; with {@code throttled} 1, the first request the batch carries is answered 429 with Retry-After 1 s.
     */
    private static List<SendResult> sendAsync(Notifier notifier, int throttled) throws Exception {
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        futures.add(notifier.global().sendEmailAsync(mail(0)));
        for (int i = 1; i < MESSAGES; i++) {
            futures.add(notifier.global().sendEmailAsync(mail(i)));
        }
        if (throttled > 0) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (graph.messages().isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            graph.failNextSendMails(throttled, GraphFault.throttled(Duration.ofSeconds(1)));
        }
        List<SendResult> results = new ArrayList<>();
        for (CompletableFuture<SendResult> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    private static Notifier notifier() {
        Layer layer = Layer.builder(graph.layer()).set("email.graph.max-concurrent-requests", "1")
                .set("email.retry.initial-delay", "0ms").build();
        return Notifier.builder().settings(Settings.builder().global(layer).build())
                .provider(new GraphSenderProvider().withTrustStore(graph.trustStore()))
                .discoverProviders(false).asyncThreads(MESSAGES).build();
    }

    private static EmailMessage mail(int id) {
        return EmailMessage.builder().to("reader" + id + "@example.com").subject("notice " + id).text("hello").build();
    }
}
