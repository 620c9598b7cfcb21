package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.settings.InMemorySettingsSource;
import dev.notify.support.RecordingProvider;
import dev.notify.support.TestSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attempts made together ({@link ServerNotifier#attempt(List, java.util.function.Predicate)}): the emails go to
 * their sender in one call, each attempt has its own outcome, and what was accepted is recorded once for the batch
 * before listeners see it delivered.
 */
class BatchAttemptTest {

    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    private final RecordingProvider smtp = RecordingProvider.email("smtp");
    private final RecordingProvider sms = RecordingProvider.sms("sms-stub");
    private final List<SendEvent> events = new CopyOnWriteArrayList<>();
    private final InMemorySettingsSource source = new InMemorySettingsSource(TestSettings.parse(
            "email.enabled=true", "email.sender=support@example.com", "email.smtp.host=mail.example.com",
            "sms.enabled=true", "sms.delivery-method=sms-stub",
            "servers.quiet.email.enabled=false"));
    private final Notifier notifier = Notifier.builder().settings(source).provider(smtp).provider(sms)
            .discoverProviders(false).listener(events::add).build();
    private final List<List<PlannedAttempt.Accepted>> recorded = new ArrayList<>();

    @AfterEach
    void close() {
        notifier.close();
    }

    private static EmailMessage email(int n) {
        return EmailMessage.builder().to("user" + n + "@example.com").subject("Report " + n).text("Ready.")
                .messageId("<batch-" + n + "@example.com>").build();
    }

    private static PlannedAttempt planned(Message message) {
        return new PlannedAttempt(message, new AttemptPlan(1, Instant.now(), failure -> Optional.of(LATER),
                result -> {
                    throw new AssertionError("a batch records through its own hook, not the plan's");
                }));
    }

    private List<AttemptOutcome> attempt(ServerNotifier target, boolean durable, Message... messages) {
        List<PlannedAttempt> attempts = new ArrayList<>();
        for (Message m : messages) {
            attempts.add(planned(m));
        }
        return target.attempt(attempts, accepted -> {
            recorded.add(accepted);
            return durable;
        });
    }

    private List<SendEvent.Kind> kinds() {
        return events.stream().map(SendEvent::kind).toList();
    }

    @Test
    void theEmailsGoToTheSenderInOneCallAndAreRecordedOnceBeforeTheyAreReportedDelivered() {
        List<AttemptOutcome> outcomes = attempt(notifier.global(), true, email(1), email(2), email(3));

        assertThat(smtp.batches()).containsExactly(3);
        assertThat(smtp.attempts()).extracting(a -> a.email().subject())
                .containsExactly("Report 1", "Report 2", "Report 3");
        assertThat(smtp.attempts()).allMatch(RecordingProvider.Attempt::queued);
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(AttemptOutcome.Done.class));
        assertThat(recorded).singleElement().satisfies(batch -> {
            assertThat(batch).extracting(a -> ((EmailMessage) a.attempt().message()).subject())
                    .containsExactly("Report 1", "Report 2", "Report 3");
            assertThat(batch).extracting(a -> a.result().messageId().orElseThrow())
                    .containsExactly("<batch-1@example.com>", "<batch-2@example.com>", "<batch-3@example.com>");
        });
        assertThat(kinds()).containsExactly(SendEvent.Kind.ATTEMPT_STARTED, SendEvent.Kind.ATTEMPT_STARTED,
                SendEvent.Kind.ATTEMPT_STARTED, SendEvent.Kind.DELIVERED, SendEvent.Kind.DELIVERED,
                SendEvent.Kind.DELIVERED);
    }

    @Test
    void anOutcomeThatCouldNotBeRecordedIsNeverReportedDelivered() {
        List<AttemptOutcome> outcomes = attempt(notifier.global(), false, email(1), email(2));

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(AttemptOutcome.Done.class));
        assertThat(recorded).hasSize(1);
        assertThat(kinds()).containsExactly(SendEvent.Kind.ATTEMPT_STARTED, SendEvent.Kind.ATTEMPT_STARTED);
    }

    @Test
    void eachAttemptHasItsOwnOutcomeAndOnlyTheAcceptedAreRecorded() {
        smtp.behaviour((message, n) -> {
            if (((EmailMessage) message).subject().equals("Report 2")) {
                throw new TransientDeliveryException("451 try later", DeliveryException.Details.of().replyCode(451),
                        null);
            }
            return RecordingProvider.accept(message, n);
        });

        List<AttemptOutcome> outcomes = attempt(notifier.global(), true, email(1), email(2), email(3));

        assertThat(outcomes.get(0)).isInstanceOf(AttemptOutcome.Done.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(AttemptOutcome.Retry.class,
                retry -> assertThat(retry.at()).isEqualTo(LATER));
        assertThat(outcomes.get(2)).isInstanceOf(AttemptOutcome.Done.class);
        assertThat(recorded).singleElement().satisfies(batch -> assertThat(batch)
                .extracting(a -> ((EmailMessage) a.attempt().message()).subject()).containsExactly("Report 1", "Report 3"));
        assertThat(events).filteredOn(e -> e.kind() == SendEvent.Kind.ATTEMPT_FAILED).singleElement()
                .satisfies(e -> assertThat(e.messageId()).contains("<batch-2@example.com>"));
    }

    @Test
    void smsGoOneByOneAndADisabledChannelEndsWithoutRecording() {
        SmsMessage text = SmsMessage.of("+41791234567", "Your code is 123456").withMessageId("<sms-1@example.com>");

        List<AttemptOutcome> outcomes = attempt(notifier.global(), true, email(1), text, email(2));
        List<AttemptOutcome> quiet = attempt(notifier.server("quiet"), true, email(3));

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(AttemptOutcome.Done.class));
        assertThat(smtp.batches()).containsExactly(2);
        assertThat(sms.attempts()).hasSize(1);
        assertThat(recorded.get(0)).hasSize(3);
        assertThat(quiet).singleElement().isInstanceOfSatisfying(AttemptOutcome.Done.class,
                done -> assertThat(done.result().status()).isEqualTo(SendStatus.CHANNEL_DISABLED));
        assertThat(recorded).hasSize(1);
    }

    @Test
    void aClosedNotifierRefusesTheBatch() {
        notifier.close();

        assertThatThrownBy(() -> attempt(notifier.global(), true, email(1)))
                .isInstanceOf(SendRejectedException.class);
        assertThat(smtp.attempts()).isEmpty();
    }
}
