package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.settings.InMemorySettingsSource;
import dev.notify.spi.Delivery;
import dev.notify.support.RecordingProvider;
import dev.notify.support.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleAttemptTest {

    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");
    private static final String[] SETTINGS = {
        "email.enabled=true",
        "email.sender=support@example.com",
        "email.smtp.host=mail.example.com",
        "email.retry.initial-delay=5ms",
        "email.retry.max-attempts=5",
    };

    private final RecordingProvider smtp = RecordingProvider.email("smtp");
    private final List<SendEvent> events = new CopyOnWriteArrayList<>();
    private final InMemorySettingsSource source = new InMemorySettingsSource(TestSettings.parse(SETTINGS));
    private final Notifier notifier = Notifier.builder().settings(source).provider(smtp).discoverProviders(false)
            .listener(events::add).build();

    @AfterEach
    void close() {
        notifier.close();
    }

    private static EmailMessage message() {
        return EmailMessage.builder().to("a@example.com", "c@example.com").subject("Report").text("Ready.")
                .messageId("<fixed-1@example.com>").build();
    }

    private static AttemptPlan retryingAt(Instant at) {
        return new AttemptPlan(3, Instant.now().minusSeconds(60), failure -> Optional.of(at));
    }

    @Test
    void transientFailureIsAttemptedOnceAndReportedWithTheCallersNextAttempt() {
        smtp.behaviour((message, attempt) -> {
            throw new TransientDeliveryException("451 try later", DeliveryException.Details.of().replyCode(451), null);
        });

        EmailMessage message = message();

        AttemptOutcome outcome = notifier.global().attempt(message, retryingAt(LATER));

        assertThat(smtp.attempts()).hasSize(1);
        assertThat(outcome).isInstanceOfSatisfying(AttemptOutcome.Retry.class, retry -> {
            assertThat(retry.at()).isEqualTo(LATER);
            assertThat(retry.failure()).isInstanceOf(TransientDeliveryException.class);
            assertThat(retry.remaining()).isSameAs(message);
        });
        assertThat(events).extracting(SendEvent::kind)
                .containsExactly(SendEvent.Kind.ATTEMPT_STARTED, SendEvent.Kind.ATTEMPT_FAILED);
        assertThat(events.get(1).attempt()).isEqualTo(3);
        assertThat(events.get(1).nextAttemptAt()).contains(LATER);
        assertThat(events.get(1).messageId()).contains("<fixed-1@example.com>");
        assertThat(events.get(1).elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void failureWithoutANextAttemptGivesUpAfterOneAttempt() {
        smtp.behaviour((message, attempt) -> {
            throw new TransientDeliveryException("451 try later", DeliveryException.Details.of().replyCode(451), null);
        });

        AttemptOutcome outcome = notifier.global().attempt(message(),
                new AttemptPlan(1, Instant.now(), failure -> Optional.empty()));

        assertThat(smtp.attempts()).hasSize(1);
        assertThat(outcome).isInstanceOfSatisfying(AttemptOutcome.Failed.class,
                failed -> assertThat(failed.failure()).isInstanceOf(TransientDeliveryException.class));
        assertThat(events).extracting(SendEvent::kind).containsExactly(SendEvent.Kind.ATTEMPT_STARTED,
                SendEvent.Kind.ATTEMPT_FAILED, SendEvent.Kind.GAVE_UP);
    }

    @Test
    void acceptedAttemptIsDoneWithTheGivenMessageId() {
        AttemptOutcome outcome = notifier.global().attempt(message(), retryingAt(LATER));

        assertThat(outcome).isInstanceOfSatisfying(AttemptOutcome.Done.class, done -> {
            assertThat(done.result().status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(done.result().messageId()).contains("<fixed-1@example.com>");
            assertThat(done.result().attempts()).isEqualTo(3);
        });
        assertThat(events).extracting(SendEvent::kind)
                .containsExactly(SendEvent.Kind.ATTEMPT_STARTED, SendEvent.Kind.DELIVERED);
    }

    @Test
    void deferredRecipientsComeBackAsTheMessageToThemAloneWithTheSameMessageId() {
        smtp.behaviour((message, attempt) -> {
            EmailMessage email = (EmailMessage) message;
            List<String> accepted = new ArrayList<>();
            List<RejectedRecipient> rejected = new ArrayList<>();
            for (EmailAddress r : email.recipients()) {
                if (r.localPart().equals("a")) {
                    accepted.add(r.address());
                } else {
                    rejected.add(new RejectedRecipient(r.address(), 452, "mailbox busy", true));
                }
            }
            return new Delivery(email.messageId().orElseThrow(), accepted, rejected, Map.of());
        });

        AttemptOutcome outcome = notifier.global().attempt(message(), retryingAt(LATER));

        assertThat(outcome).isInstanceOfSatisfying(AttemptOutcome.Retry.class, retry -> {
            assertThat(retry.accepted()).containsExactly("a@example.com");
            assertThat(((EmailMessage) retry.remaining()).recipients()).extracting(EmailAddress::address)
                    .containsExactly("c@example.com");
            assertThat(retry.remaining().messageId()).contains("<fixed-1@example.com>");
        });
    }

    @Test
    void brokenSettingsAreAFailureTheCallerMayRetry() {
        source.update(TestSettings.parse("email.enabled=true", "email.sender=support@example.com"));

        AttemptOutcome outcome = notifier.global().attempt(message(), retryingAt(LATER));

        assertThat(smtp.attempts()).isEmpty();
        assertThat(outcome).isInstanceOfSatisfying(AttemptOutcome.Retry.class,
                retry -> assertThat(retry.failure()).isInstanceOf(SettingsException.class)
                        .hasMessageContaining("email.smtp.host"));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SendEvent.Kind.ATTEMPT_FAILED);
            assertThat(e.failure()).contains(FailureClass.SETTINGS);
        });
    }

    @Test
    void closedNotifierRefusesTheAttempt() {
        notifier.close();

        assertThatThrownBy(() -> notifier.global().attempt(message(), retryingAt(LATER)))
                .isInstanceOf(SendRejectedException.class);
    }
}
