package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.FailureClass;
import dev.notify.Notifier;
import dev.notify.SendEvent;
import dev.notify.SendRejectedException;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.outbox.support.Eventually;
import dev.notify.outbox.support.ManualTime;
import dev.notify.settings.InMemorySettingsSource;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Fakes;
import dev.notify.testkit.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableOutboxTest {

    private static final String[] SETTINGS = {
        "email.enabled=true",
        "email.delivery-method=fake",
        "email.sender=Portal <portal@example.com>",
        "sms.enabled=true",
        "sms.delivery-method=fake",
        "outbox.retry.initial-delay=1m",
        "outbox.retry.max-delay=10m",
        "outbox.max-age=1h",
    };
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private final ManualTime time = new ManualTime();
    private final List<SendEvent> events = new CopyOnWriteArrayList<>();
    private final InMemorySettingsSource settings = new InMemorySettingsSource(TestSettings.parse(SETTINGS));
    private final Notifier notifier = Notifier.builder().settings(settings).provider(new FakeEmailProvider()).provider(new FakeSmsProvider())
            .clock(time).listener(events::add).build();
    private final Fakes fakes = Fakes.of(notifier);
    private DurableOutbox outbox;

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
        notifier.close();
    }

    private DurableOutbox outbox() {
        outbox = DurableOutbox.builder(notifier).journal(FileJournal.in(directory)).clock(time).scheduler(time).build();
        return outbox;
    }

    private static EmailMessage report(String to) {
        return EmailMessage.builder().to(to).subject("Your report").text("It is ready.").build();
    }

    private void awaitState(String id, OutboxState state) {
        Eventually.await(id + " " + state, LIMIT, () -> is(id, state));
    }

    private boolean is(String id, OutboxState state) {
        return outbox.find(id).map(e -> e.state() == state).orElse(false);
    }

    /**
     * Moves the clock by {@code step} until the condition holds: the outbox may have planned its wake-up just
     * before the clock moved, so one move is not always enough.
     */
    private void advanceUntil(String what, Duration step, BooleanSupplier condition) {
        Eventually.await(what, LIMIT, () -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            time.advance(step);
            return false;
        });
    }

    @Test
    void enqueuedEmailIsDeliveredWithTheMessageIdAssignedAtEnqueue() {
        String id = outbox().server("eu-1").enqueueEmail(report("alice@example.com"));

        awaitState(id, OutboxState.ACCEPTED);
        OutboxEntry entry = outbox.find(id).orElseThrow();
        assertThat(entry.messageId()).matches("<[0-9a-f]{32}@example\\.com>");
        assertThat(fakes.outbox().emails()).singleElement()
                .satisfies(m -> assertThat(m.messageId()).contains(entry.messageId()));
        assertThat(entry.accepted()).containsExactly("alice@example.com");
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.serverId()).contains("eu-1");
        assertThat(events).extracting(SendEvent::kind).containsExactly(SendEvent.Kind.ATTEMPT_STARTED,
                SendEvent.Kind.DELIVERED);
    }

    @Test
    void listenersSeeDeliveredOnlyOnceTheOutcomeIsDurable() {
        List<Optional<OutboxState>> journalledAtDelivered = new CopyOnWriteArrayList<>();
        DurableOutbox[] audited = new DurableOutbox[1];
        try (Notifier auditing = Notifier.builder().settings(settings).provider(new FakeEmailProvider()).clock(time)
                .listener(e -> {
            if (e.kind() == SendEvent.Kind.DELIVERED) {
                journalledAtDelivered.add(audited[0].list(EnumSet.allOf(OutboxState.class), 10).stream()
                        .filter(entry -> e.messageId().equals(Optional.of(entry.messageId()))).findFirst().map(OutboxEntry::state));
            }
        }).build()) {
            audited[0] = DurableOutbox.builder(auditing).journal(FileJournal.in(directory)).clock(time).scheduler(time)
                    .build();
            try (DurableOutbox auditedOutbox = audited[0]) {
                String id = auditedOutbox.global().enqueueEmail(report("alice@example.com"));
                Eventually.await("accepted", LIMIT,
                        () -> auditedOutbox.find(id).map(e -> e.state() == OutboxState.ACCEPTED).orElse(false));
            }
        }

        assertThat(journalledAtDelivered).containsExactly(Optional.of(OutboxState.ACCEPTED));
    }

    @Test
    void transientFailureIsRetriedAfterTheBackoffWithTheSameMessageId() {
        fakes.email().failNextTransiently(2);
        String id = outbox().global().enqueueEmail(report("alice@example.com"));

        awaitState(id, OutboxState.RETRYING);
        OutboxEntry retrying = outbox.find(id).orElseThrow();
        assertThat(retrying.failureClass()).contains(FailureClass.TRANSIENT);
        assertThat(retrying.nextAttemptAt().orElseThrow())
                .isBetween(time.instant().plusSeconds(30), time.instant().plusSeconds(60));
        assertThat(events).filteredOn(e -> e.kind() == SendEvent.Kind.ATTEMPT_FAILED).singleElement()
                .satisfies(e -> assertThat(e.nextAttemptAt()).isEqualTo(retrying.nextAttemptAt()));

        advanceUntil("second attempt", Duration.ofSeconds(10), () -> outbox.find(id).orElseThrow().attempts() == 2);
        advanceUntil("accepted", Duration.ofSeconds(10), () -> is(id, OutboxState.ACCEPTED));

        assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(3);
        assertThat(fakes.outbox().emails()).singleElement()
                .satisfies(m -> assertThat(m.messageId()).contains(retrying.messageId()));
    }

    @Test
    void permanentRefusalFailsWithTheServersReason() {
        fakes.email().failNextPermanently(1);

        String id = outbox().global().enqueueEmail(report("alice@example.com"));

        awaitState(id, OutboxState.FAILED);
        OutboxEntry failed = outbox.find(id).orElseThrow();
        assertThat(failed.failureClass()).contains(FailureClass.PERMANENT);
        assertThat(failed.reason()).hasValueSatisfying(r -> assertThat(r).contains("554"));
        assertThat(events).extracting(SendEvent::kind).endsWith(SendEvent.Kind.GAVE_UP);
    }

    @Test
    void brokenSettingsKeepTheMessageQueuedWithTheProblemUntilTheyAreFixed() {
        settings.update(TestSettings.parse("email.enabled=true", "email.delivery-method=fake"));
        String id = outbox().server("eu-1").enqueueEmail(report("alice@example.com").toBuilder()
                .from("portal@example.com").build());

        awaitState(id, OutboxState.RETRYING);
        assertThat(outbox.find(id).orElseThrow().failureClass()).contains(FailureClass.SETTINGS);
        assertThat(outbox.find(id).orElseThrow().reason())
                .hasValueSatisfying(r -> assertThat(r).contains("servers.eu-1.email.sender"));
        assertThat(fakes.outbox().emails()).isEmpty();

        settings.update(TestSettings.parse(SETTINGS));

        advanceUntil("accepted", Duration.ofMinutes(1), () -> is(id, OutboxState.ACCEPTED));
    }

    @Test
    void messageNotAcceptedWithinMaxAgeExpires() {
        fakes.email().failNextTransiently(1000);
        String id = outbox().global().enqueueEmail(report("alice@example.com"));

        awaitState(id, OutboxState.RETRYING);

        advanceUntil("expired", Duration.ofMinutes(1), () -> is(id, OutboxState.FAILED));
        assertThat(outbox.find(id).orElseThrow().reason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("expired: not accepted within outbox.max-age (PT1H)").contains("451"));
    }

    @Test
    void deferredRecipientIsRetriedAloneAndReportedRefusedWhenItExpires() {
        fakes.email().rejectRecipientTransiently("bob@example.com");
        String id = outbox().global().enqueueEmail(EmailMessage.builder().to("alice@example.com", "bob@example.com")
                .subject("Minutes").text("Attached.").build());

        awaitState(id, OutboxState.RETRYING);
        assertThat(outbox.find(id).orElseThrow().accepted()).containsExactly("alice@example.com");

        advanceUntil("expired", Duration.ofMinutes(1), () -> is(id, OutboxState.PARTIALLY_ACCEPTED));
        OutboxEntry entry = outbox.find(id).orElseThrow();
        assertThat(entry.accepted()).containsExactly("alice@example.com");
        assertThat(entry.rejected()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("bob@example.com");
            assertThat(r.reason()).startsWith("expired");
        });
        assertThat(fakes.outbox().emails()).hasSize(1);
    }

    @Test
    void disabledChannelFailsSayingNothingWasSent() {
        settings.update(TestSettings.parse(SETTINGS[0], SETTINGS[1], SETTINGS[2], "servers.quiet.sms.enabled=false",
                "sms.enabled=true", "sms.delivery-method=fake"));

        String id = outbox().server("quiet").enqueueSms(SmsMessage.of("+15550101234", "Your code is 123456"));

        awaitState(id, OutboxState.FAILED);
        assertThat(outbox.find(id).orElseThrow().reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("servers.quiet.sms.enabled=false").contains("nothing was sent"));
    }

    @Test
    void failedMessageCanBeRetriedAndFailedOnesPurged() {
        fakes.email().failNextPermanently(2);
        DurableOutbox box = outbox();
        String first = box.global().enqueueEmail(report("alice@example.com"));
        String second = box.global().enqueueEmail(report("bob@example.com"));
        awaitState(first, OutboxState.FAILED);
        awaitState(second, OutboxState.FAILED);

        assertThat(box.retry(first)).isTrue();
        awaitState(first, OutboxState.ACCEPTED);
        assertThat(box.counts()).containsEntry(OutboxState.ACCEPTED, 1L).containsEntry(OutboxState.FAILED, 1L);

        assertThat(box.purge(EnumSet.of(OutboxState.FAILED))).isEqualTo(1);
        assertThat(box.find(second)).isEmpty();
        assertThat(box.list(Set.of(OutboxState.values()), 10)).extracting(OutboxEntry::id).containsExactly(first);
    }

    @Test
    void queuedMessagesSurviveARestartAndAreDeliveredByTheNextOutbox() {
        settings.update(TestSettings.parse("email.enabled=true", "email.delivery-method=fake"));
        DurableOutbox box = outbox();
        String id = box.global().enqueueEmail(report("alice@example.com"));
        awaitState(id, OutboxState.RETRYING);
        box.close();

        settings.update(TestSettings.parse(SETTINGS));
        DurableOutbox restarted = outbox();

        advanceUntil("accepted", Duration.ofMinutes(1), () -> is(id, OutboxState.ACCEPTED));
        assertThat(restarted.find(id).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void closedOutboxRefusesEnqueues() {
        DurableOutbox box = outbox();
        box.close();

        assertThatThrownBy(() -> box.global().enqueueEmail(report("alice@example.com")))
                .isInstanceOf(SendRejectedException.class).hasMessageContaining("closed");
    }
}
