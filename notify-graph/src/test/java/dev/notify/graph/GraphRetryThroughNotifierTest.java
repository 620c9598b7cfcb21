package dev.notify.graph;

import static dev.notify.graph.GraphTokenTest.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.TransientDeliveryException;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.SettingKeys;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.TokenFault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphRetryThroughNotifierTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void throttledWithRetryAfterOneSecondSucceedsOnTheSecondAttemptAfterWaitingThatLong() {
        graph.failNextSendMails(1, GraphFault.throttled(Duration.ofSeconds(1)));

        SendResult result;
        try (Notifier notifier = quickRetries(3)) {
            notifier.global().check();
            long start = System.nanoTime();
            result = notifier.global().sendEmail(mail("throttled once"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }

        assertThat(result.isAccepted()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(graph.sendMailRequestCount()).isEqualTo(2);
        assertThat(graph.messages()).hasSize(1);
    }

    @Test
    void serviceUnavailableBeyondTheRetryLimitFailsTransientlyAfterMaxAttemptsWithOneRequestEach() {
        graph.failNextSendMails(5, GraphFault.serviceUnavailable());

        try (Notifier notifier = quickRetries(3)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail("always 503")))
                    .isInstanceOfSatisfying(TransientDeliveryException.class, e -> {
                        assertThat(e.attempts()).isEqualTo(3);
                        assertThat(e.replyCode()).hasValue(503);
                        assertThat(e.providerId()).contains("graph");
                        assertThat(e.getMessage()).contains("Microsoft Graph is unavailable", "ServiceUnavailable",
                                "may or may not have been sent");
                    });
        }

        assertThat(graph.sendMailRequestCount()).isEqualTo(3);
        assertThat(graph.messages()).isEmpty();
    }

    @Test
    void gatewayTimeoutIsOneRequestPerAttemptNotTheSdksTenRetries() {
        graph.failNextSendMails(1, GraphFault.gatewayTimeout());

        try (Notifier notifier = quickRetries(1)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail("504")))
                    .isInstanceOfSatisfying(TransientDeliveryException.class, e -> {
                        assertThat(e.replyCode()).hasValue(504);
                        assertThat(e.getMessage()).contains("may or may not have been sent");
                    });
        }

        assertThat(graph.sendMailRequestCount()).isEqualTo(1);
    }

    @Test
    void retryAfterAsHttpDateIsPassedToTheRetryPolicy() {
        graph.failNextSendMails(1, GraphFault.throttled("Wed, 21 Oct 2015 07:28:00 GMT"));

        try (Notifier notifier = quickRetries(1)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail("throttled until a past date")))
                    .isInstanceOfSatisfying(TransientDeliveryException.class, e -> {
                        assertThat(e.replyCode()).hasValue(429);
                        assertThat(e.retryAfter()).contains(Duration.ZERO);
                    });
        }
    }

    @Test
    void unavailableLoginHostIsTransientAndRetried() {
        graph.failNextTokenRequests(1, TokenFault.serviceUnavailable());

        SendResult result;
        try (Notifier notifier = quickRetries(3)) {
            result = notifier.global().sendEmail(mail("login host down once"));
        }

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(graph.tokenRequests()).hasSize(2);
        assertThat(graph.sendMailRequestCount()).isEqualTo(1);
    }

    @Test
    void readTimeoutIsTransientAndTheRequestIsNotRepeatedByTheSdkOrOkHttp() throws InterruptedException {
        graph.sendMailDelay(Duration.ofMillis(1500));

        try (Notifier notifier = GraphFixture.notifier(graph, b -> b
                .set(SettingKeys.EMAIL_RETRY_MAX_ATTEMPTS, 1)
                .set(MicrosoftIdentityKeys.READ_TIMEOUT, Duration.ofMillis(300)))) {
            notifier.global().check();
            assertThatThrownBy(() -> notifier.global().sendEmail(mail("slow graph")))
                    .isInstanceOfSatisfying(TransientDeliveryException.class, e -> {
                        assertThat(e.attempts()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("no answer from Microsoft Graph", "may or may not");
                    });
        }

        awaitMessages(1);
        assertThat(graph.sendMailRequestCount()).isEqualTo(1);
    }

    /** Waits for the server to finish requests the client gave up on, so they cannot leak into the next test. */
    private static void awaitMessages(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (graph.messages().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(graph.messages()).hasSize(count);
    }

    private static Notifier quickRetries(int maxAttempts) {
        return GraphFixture.notifier(graph, b -> b
                .set(SettingKeys.EMAIL_RETRY_MAX_ATTEMPTS, maxAttempts)
                .set(SettingKeys.EMAIL_RETRY_INITIAL_DELAY, Duration.ofMillis(10)));
    }
}
