package dev.notify.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakesTest {

    private final Notifier notifier = FakeSettings.discoveredNotifier();

    @AfterEach
    void close() {
        notifier.close();
    }

    @Test
    void outboxOfNotifierHoldsWhatTheDiscoveredFakesSent() {
        notifier.global().sendEmail(welcome("alice@example.com"));
        notifier.global().sendSms(SmsMessage.of("+15550101234", "code 1"));

        Outbox outbox = Outbox.of(notifier);

        assertThat(outbox.emails()).extracting(EmailMessage::subject).containsExactly("Welcome");
        assertThat(outbox.sms()).extracting(SmsMessage::text).containsExactly("code 1");
        assertThat(Fakes.of(notifier).outbox().emails()).hasSize(1);
    }

    @Test
    void transientFailureOfDiscoveredFakeIsRetriedByTheNotifier() {
        Fakes fakes = Fakes.of(notifier);
        fakes.email().failNextTransiently(1);

        SendResult result = notifier.global().sendEmail(welcome("alice@example.com"));

        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(fakes.email().attempts()).isEqualTo(2);
        assertThat(fakes.outbox().emails()).hasSize(1);
    }

    @Test
    void permanentFailureOfDiscoveredFakeIsNotRetried() {
        Fakes fakes = Fakes.of(notifier);
        fakes.email().failNextPermanently(1);

        assertThatThrownBy(() -> notifier.global().sendEmail(welcome("alice@example.com")))
                .isInstanceOfSatisfying(PermanentDeliveryException.class,
                        e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(fakes.outbox().emails()).isEmpty();
    }

    @Test
    void rejectedRecipientMakesTheResultPartiallyAccepted() {
        Fakes.of(notifier).email().rejectRecipient("bob@example.com");

        SendResult result = notifier.global().sendEmail(welcome("alice@example.com", "bob@example.com"));

        assertThat(result.status()).isEqualTo(SendStatus.PARTIALLY_ACCEPTED);
        assertThat(result.accepted()).containsExactly("alice@example.com");
        assertThat(result.rejected()).extracting(r -> r.address()).containsExactly("bob@example.com");
    }

    @Test
    void smsFaultsAreControlledApartFromEmail() {
        Fakes fakes = Fakes.of(notifier);
        fakes.sms().failNextPermanently(1);

        notifier.global().sendEmail(welcome("alice@example.com"));
        assertThatThrownBy(() -> notifier.global().sendSms(SmsMessage.of("+15550101234", "code")))
                .isInstanceOf(PermanentDeliveryException.class);

        assertThat(fakes.outbox().emails()).hasSize(1);
        assertThat(fakes.outbox().sms()).isEmpty();
    }

    @Test
    void everyNotifierHasFakesOfItsOwn() {
        try (Notifier other = FakeSettings.discoveredNotifier()) {
            Fakes.of(other).email().failNextPermanently(5);

            notifier.global().sendEmail(welcome("alice@example.com"));

            assertThat(Outbox.of(notifier).emails()).hasSize(1);
            assertThat(Outbox.of(other).emails()).isEmpty();
            assertThat(Fakes.of(notifier).email().pendingFailures()).isZero();
        }
    }

    @Test
    void resetClearsFaultsAndOutbox() {
        Fakes fakes = Fakes.of(notifier);
        notifier.global().sendEmail(welcome("alice@example.com"));
        fakes.email().latency(Duration.ofSeconds(30)).failNextPermanently(1);

        fakes.reset();
        notifier.global().sendEmail(welcome("bob@example.com"));

        assertThat(fakes.outbox().emails()).singleElement()
                .satisfies(m -> assertThat(m.to().get(0).address()).isEqualTo("bob@example.com"));
    }

    @Test
    void notifierWithoutFakesIsReportedClearly() {
        try (Notifier none = Notifier.builder().settings(FakeSettings.emailAndSms()).discoverProviders(false).build()) {
            assertThatThrownBy(() -> Fakes.of(none)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no fake provider");
        }
    }

    @Test
    void explicitEmailFakeAloneHasNoSmsBehaviour() {
        Outbox mine = new Outbox();
        try (Notifier explicit = Notifier.builder().settings(FakeSettings.emailAndSms()).discoverProviders(false)
                .provider(new FakeEmailProvider(mine)).build()) {
            explicit.global().sendEmail(welcome("alice@example.com"));

            assertThat(Outbox.of(explicit).emails()).hasSize(1);
            assertThat(mine.emails()).hasSize(1);
            assertThatThrownBy(() -> Fakes.of(explicit).sms()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SMS");
        }
    }

    private static EmailMessage welcome(String... to) {
        return EmailMessage.builder().to(to).subject("Welcome").text("Hello").build();
    }
}
