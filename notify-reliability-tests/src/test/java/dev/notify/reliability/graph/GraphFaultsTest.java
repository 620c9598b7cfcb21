package dev.notify.reliability.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.TransientDeliveryException;
import dev.notify.graph.GraphSenderProvider;
import dev.notify.reliability.support.FaultSettings;
import dev.notify.reliability.support.FaultySmtpServer;
import dev.notify.reliability.support.KnownSecrets;
import dev.notify.reliability.support.Outcome;
import dev.notify.reliability.support.Script;
import dev.notify.reliability.support.SecretScan;
import dev.notify.reliability.support.Step;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.time.ManualScheduler;
import dev.notify.testkit.tls.TestCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph faults from the test kit's Graph fixture (WireMock over HTTPS), through a real notifier with the graph
 * provider and the known client secret: throttling with and without Retry-After (a huge one capped by
 * email.retry.max-delay), 503/504, an expired token, a hanging token endpoint, and the 4-in-flight limit.
 */
class GraphFaultsTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create()
            .withCredentials(GraphServerExtension.DEFAULT_TENANT_ID, GraphServerExtension.DEFAULT_CLIENT_ID,
                    KnownSecrets.CLIENT_SECRET);

    @RegisterExtension
    final SecretScan scan = new SecretScan();

    private Notifier notifier;

    @AfterEach
    void close() {
        if (notifier != null) {
            notifier.close();
        }
    }

    private static Layer.Builder layer() {
        return Layer.builder(graph.layer())
                .set("email.graph.connect-timeout", "1s")
                .set("email.graph.read-timeout", "2s")
                .set("email.retry.max-attempts", "3")
                .set("email.retry.initial-delay", "10ms")
                .set("email.retry.max-delay", "2s");
    }

    /** A notifier that has sent one message already, so the timings below hold no token or TLS set-up. */
    private final ManualScheduler time = ManualScheduler.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    private int warmUpWaits;

    private void warmNotifier(Layer layer) {
        notifier = Notifier.builder().settings(Settings.of(layer)).clock(time.clock()).scheduler(time)
                .provider(new GraphSenderProvider().withTrustStore(graph.trustStore())).discoverProviders(false).build();
        assertThat(Outcome.send(notifier.global(), FaultSettings.message(), scan).accepted().isAccepted()).isTrue();
        assertThat(graph.messages()).hasSize(1);
        warmUpWaits = time.waits().size();
    }

    private List<Duration> waitsAfterWarmUp() {
        List<Duration> waits = time.waits();
        return waits.subList(warmUpWaits, waits.size());
    }

    private Outcome send() {
        return Outcome.send(notifier.global(), FaultSettings.message(), scan);
    }

    @Test
    void throttledWithoutRetryAfterIsRetriedWithBackoffAndDeliveredOnce() {
        warmNotifier(layer().build());
        graph.failNextSendMails(1, GraphFault.error(429, "TooManyRequests", "Too many requests"));

        Outcome outcome = send();

        assertThat(outcome.accepted().status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(2));
        assertThat(graph.sendMailRequestCount()).isEqualTo(1 + 2);
        assertThat(graph.messages()).hasSize(1 + 1);
    }

    @Test
    void throttledWithRetryAfterWaitsAsAsked() {
        warmNotifier(layer().build());
        graph.failNextSendMails(1, GraphFault.throttled(Duration.ofSeconds(1)));

        Outcome outcome = send();

        assertThat(outcome.accepted().isAccepted()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(waitsAfterWarmUp()).containsExactly(Duration.ofSeconds(1));
        assertThat(graph.messages()).hasSize(1 + 1);
    }

    @Test
    void hugeRetryAfterIsCappedByMaxDelay() {
        warmNotifier(layer().set("email.retry.max-delay", "300ms").build());
        graph.failNextSendMails(1, GraphFault.throttled(Duration.ofHours(1)));

        Outcome outcome = send();

        assertThat(outcome.accepted().isAccepted()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(waitsAfterWarmUp()).containsExactly(Duration.ofMillis(300));
    }

    @Test
    void serviceUnavailableAndGatewayTimeoutAreRetried() {
        warmNotifier(layer().build());
        graph.failNextSendMails(1, GraphFault.serviceUnavailable());
        graph.failNextSendMails(1, GraphFault.gatewayTimeout());

        Outcome outcome = send();

        assertThat(outcome.accepted().isAccepted()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(graph.sendMailRequestCount()).isEqualTo(1 + 3);
        assertThat(graph.messages()).hasSize(1 + 1);
    }

    @Test
    void serviceUnavailableOnEveryAttemptIsTransientAfterMaxAttempts() {
        warmNotifier(layer().build());
        graph.failNextSendMails(10, GraphFault.serviceUnavailable());

        Outcome outcome = send();

        assertThat(outcome.deliveryFailure()).isInstanceOf(TransientDeliveryException.class);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(graph.sendMailRequestCount()).isEqualTo(1 + 3);
    }

    @Test
    void expiredTokenIsReplacedAndTheMessageDelivered() {
        warmNotifier(layer().build());
        graph.failNextSendMails(1, GraphFault.unauthorized());

        Outcome outcome = send();

        assertThat(outcome.accepted().isAccepted()).isTrue();
        assertThat(graph.tokenRequests()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(graph.messages()).hasSize(1 + 1);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(3));
    }

    /** The hanging login host is a TLS server with a certificate of its own, trusted through the settings. */
    @Test
    void hangingTokenEndpointTimesOutWithinTheReadTimeout(@TempDir Path dir) throws IOException {
        TestCertificate certificate = TestCertificate.forLocalhost();
        Path trust = certificate.writeTrustStore(dir.resolve("login-trust.p12"), "changeit");
        try (FaultySmtpServer hanging = FaultySmtpServer.implicitTls(certificate.serverContext()).script(new Script() {
            @Override
            public Step greeting(int connection) {
                return Step.silence();
            }
        })) {
            Layer layer = layer().set("email.graph.authority", "https://localhost:" + hanging.port())
                    .set("email.graph.trust-store", trust.toString())
                    .set("email.graph.trust-store-password", "changeit")
                    .set("email.graph.read-timeout", "700ms")
                    .set("email.retry.max-attempts", "1")
                    .build();
            notifier = Notifier.builder().settings(Settings.of(layer))
                    .provider(new GraphSenderProvider()).discoverProviders(false).build();

            Outcome outcome = Outcome.send(notifier.global(), FaultSettings.message(), scan);

            assertThat(outcome.deliveryFailure()).isInstanceOf(TransientDeliveryException.class);
            assertThat(outcome.failure()).hasMessageNotContaining("PKIX");
            assertThat(outcome.elapsed()).as(String.valueOf(outcome.failure()))
                    .isBetween(Duration.ofMillis(700), Duration.ofMillis(700 + 2500));
            assertThat(hanging.connections()).isPositive();
            assertThat(graph.sendMailRequestCount()).isZero();
        }
    }

    @Test
    void fiftyParallelSendsKeepAtMostFourRequestsInFlight() throws Exception {
        graph.sendMailDelay(Duration.ofMillis(100));
        notifier = Notifier.builder().settings(Settings.of(layer().build()))
                .provider(new GraphSenderProvider().withTrustStore(graph.trustStore())).discoverProviders(false)
                .asyncThreads(50).build();
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();

        for (int i = 0; i < 50; i++) {
            futures.add(notifier.global().sendEmailAsync(FaultSettings.message()));
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);

        for (CompletableFuture<SendResult> f : futures) {
            assertThat(scan.scan(f.get()).isAccepted()).isTrue();
        }
        assertThat(graph.messages()).hasSize(50);
        assertThat(graph.maxConcurrentSendMails()).isBetween(2, 4);
    }
}
