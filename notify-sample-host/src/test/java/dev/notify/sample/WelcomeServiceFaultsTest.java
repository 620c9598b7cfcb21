package dev.notify.sample;

import static dev.notify.testkit.assertions.NotifyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.SendResult;
import dev.notify.TransientDeliveryException;
import dev.notify.settings.PropertiesFormat;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Fakes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the welcome service behaves when delivery is slow or fails, with faults injected into the fakes. */
class WelcomeServiceFaultsTest {

    private static final NewUser ALICE = new NewUser("Alice", "alice@example.com", "+1 555 010 1234");

    private final Notifier notifier = Notifier.builder()
            .settings(PropertiesFormat.standard().parse(Map.of(
                    "email.enabled", "true",
                    "email.delivery-method", "fake",
                    "email.sender", "Sample <noreply@sample.test>",
                    "email.retry.initial-delay", "10ms",
                    "sms.enabled", "true",
                    "sms.delivery-method", "fake")))
            .provider(new FakeEmailProvider()).provider(new FakeSmsProvider())
            .build();
    private final WelcomeService service = new WelcomeService(notifier);

    @AfterEach
    void closeNotifier() {
        notifier.close();
    }

    // snippet: faults
    @Test
    void temporaryMailServerFailureIsRetried() {
        Fakes fakes = Fakes.of(notifier);
        fakes.email().failNextTransiently(1);

        Welcome welcome = service.welcome("eu-1", ALICE);

        assertThat(welcome.email().attempts()).isEqualTo(2);
        assertThat(fakes.outbox()).hasSentEmails(1);
    }

    @Test
    void refusedWelcomeEmailFailsTheWelcomeBeforeAnySms() {
        Fakes fakes = Fakes.of(notifier);
        fakes.email().rejectRecipient("alice@example.com");

        assertThatThrownBy(() -> service.welcome("eu-1", ALICE))
                .isInstanceOf(PermanentDeliveryException.class);
        assertThat(fakes.outbox()).hasSentNothing();
    }
    // end-snippet

    @Test
    void smsStillFailingAfterEveryRetryIsReported() {
        Fakes fakes = Fakes.of(notifier);
        fakes.sms().failNextTransiently(3);

        assertThatThrownBy(() -> service.welcome("eu-1", ALICE))
                .isInstanceOfSatisfying(TransientDeliveryException.class, e -> assertThat(e.attempts()).isEqualTo(3));
        assertThat(fakes.outbox()).hasSentEmails(1).hasSentSms(0);
    }

    // snippet: latency
    @Test
    void slowMailServerDoesNotHoldUpTheCallerOfWelcomeInBackground() {
        Fakes fakes = Fakes.of(notifier);
        fakes.email().latency(Duration.ofMillis(500));

        CompletableFuture<SendResult> result = service.welcomeInBackground("eu-1", ALICE);

        assertThat(result).isNotDone();
        assertThat(fakes.outbox().awaitEmails(1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(result).succeedsWithin(Duration.ofSeconds(5));
    }
    // end-snippet
}
