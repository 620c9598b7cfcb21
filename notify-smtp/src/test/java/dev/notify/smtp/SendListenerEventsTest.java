package dev.notify.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.notify.Channel;
import dev.notify.FailureClass;
import dev.notify.Notifier;
import dev.notify.NotifierBuilder;
import dev.notify.PermanentDeliveryException;
import dev.notify.SendEvent;
import dev.notify.SendEvent.Kind;
import dev.notify.SendListener;
import dev.notify.SendRejectedException;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import dev.notify.testkit.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The events a send listener sees, in order, for each way a send through a real SMTP server can end. */
class SendListenerEventsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /** How often the SMTP pool looks for idle connections: half of {@code email.smtp.pool.idle-timeout}. */
    private static final Duration POOL_SWEEP = Duration.ofSeconds(30);

    private final List<SendEvent> events = new CopyOnWriteArrayList<>();
    private final ManualScheduler time = ManualScheduler.startingAt(START);
    private Notifier notifier;

    @AfterEach
    void closeNotifier() {
        if (notifier != null) {
            notifier.close();
        }
    }

    /** The first wait on the scheduler that is not the pool's idle sweep: the retry's back-off. */
    private Duration retryWait() {
        return time.waits().stream().filter(w -> !w.equals(POOL_SWEEP)).findFirst().orElseThrow();
    }

    /**
     * Waits until the retry is scheduled: the first pending task may be the pool's sweep of the connection the failed
     * attempt gave back (a pipelined connection in step stays in the pool), the retry follows it.
     */
    private Duration awaitRetryWait() throws InterruptedException {
        for (int pending = 1; pending <= 2; pending++) {
            assertThat(time.awaitPending(pending, Duration.ofSeconds(10))).as("scheduled: " + time.waits()).isTrue();
            if (time.waits().stream().anyMatch(w -> !w.equals(POOL_SWEEP))) {
                return retryWait();
            }
        }
        throw new AssertionError("no retry among the scheduled waits " + time.waits());
    }

    private Notifier notifier(SmtpServerExtension smtp, SendListener... more) {
        Layer layer = Layer.builder(smtp.layer()).set("email.retry.initial-delay", "2s").build();
        NotifierBuilder b = Notifier.builder().settings(Settings.of(layer))
                .provider(new SmtpSenderProvider()).discoverProviders(false)
                .clock(time.clock()).scheduler(time).listener(events::add);
        for (SendListener listener : more) {
            b.listener(listener);
        }
        notifier = b.build();
        return notifier;
    }

    private static EmailMessage message(String... to) {
        return EmailMessage.builder().to(to).subject("Report").text("Ready").build();
    }

    @Test
    void acceptedTheFirstTimeIsStartedThenDelivered() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().start()) {
            SendResult result = notifier(smtp).server("eu-1").sendEmail(message("alice@notify.example"));

            assertThat(events).extracting(SendEvent::kind, SendEvent::attempt)
                    .containsExactly(tuple(Kind.ATTEMPT_STARTED, 1), tuple(Kind.DELIVERED, 1));
            assertThat(events).allSatisfy(e -> {
                assertThat(e.serverId()).contains("eu-1");
                assertThat(e.channel()).isEqualTo(Channel.EMAIL);
                assertThat(e.providerId()).contains("smtp");
                assertThat(e.messageId()).isEqualTo(result.messageId());
                assertThat(e.personalData()).isEmpty();
            });
            assertThat(events.get(1).status()).contains(SendStatus.ACCEPTED);
            assertThat(events.get(1).accepted()).isEqualTo(1);
        }
    }

    @Test
    void transient451ThenAcceptedReportsTheFailedAttemptAndWhenTheNextStarts() {
        SmtpFault busy = SmtpFault.mail().reply(451, "4.3.0 try again later").times(1);
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(busy).start()) {
            notifier(smtp).global().sendEmail(message("alice@notify.example"));

            assertThat(events).extracting(SendEvent::kind, SendEvent::attempt).containsExactly(
                    tuple(Kind.ATTEMPT_STARTED, 1), tuple(Kind.ATTEMPT_FAILED, 1),
                    tuple(Kind.ATTEMPT_STARTED, 2), tuple(Kind.DELIVERED, 2));
            SendEvent failed = events.get(1);
            assertThat(failed.failure()).contains(FailureClass.TRANSIENT);
            assertThat(failed.replyCode()).hasValue(451);
            assertThat(failed.willRetry()).isTrue();
            Duration wait = retryWait();
            assertThat(failed.nextAttemptAt()).contains(START.plus(wait));
            assertThat(events.get(2).time()).isEqualTo(START.plus(wait));
        }
    }

    @Test
    void permanent550GivesUpAfterOneAttempt() {
        SmtpFault refused = SmtpFault.anyRcpt().reply(550, "5.1.1 no such user");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(refused).start()) {
            assertThatThrownBy(() -> notifier(smtp).global().sendEmail(message("ghost@notify.example")))
                    .isInstanceOf(PermanentDeliveryException.class);

            assertThat(events).extracting(SendEvent::kind, SendEvent::attempt).containsExactly(
                    tuple(Kind.ATTEMPT_STARTED, 1), tuple(Kind.ATTEMPT_FAILED, 1), tuple(Kind.GAVE_UP, 1));
            assertThat(events.get(1).willRetry()).isFalse();
            assertThat(events.get(2).failure()).contains(FailureClass.PERMANENT);
            assertThat(events.get(2).replyCode()).hasValue(550);
            assertThat(events.get(2).errorType()).contains("PermanentDeliveryException");
        }
    }

    @Test
    void partiallyAcceptedIsDeliveredWithCountsAndAddressesOnlyForAListenerThatAsks() {
        List<SendEvent> personal = new CopyOnWriteArrayList<>();
        SendListener wantsAddresses = new SendListener() {
            @Override
            public void onEvent(SendEvent event) {
                personal.add(event);
            }

            @Override
            public boolean wantsPersonalData() {
                return true;
            }
        };
        SmtpFault refused = SmtpFault.rcpt("ghost@notify.example").reply(550, "5.1.1 no such user");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(refused).start()) {
            notifier(smtp, wantsAddresses).global()
                    .sendEmail(message("alice@notify.example", "ghost@notify.example"));

            assertThat(events).extracting(SendEvent::kind).containsExactly(Kind.ATTEMPT_STARTED, Kind.DELIVERED);
            SendEvent delivered = events.get(1);
            assertThat(delivered.status()).contains(SendStatus.PARTIALLY_ACCEPTED);
            assertThat(delivered.accepted()).isEqualTo(1);
            assertThat(delivered.rejected()).isEqualTo(1);
            assertThat(delivered.toString()).doesNotContain("ghost@notify.example").doesNotContain("alice@");
            assertThat(personal.get(1).personalData()).hasValueSatisfying(p -> {
                assertThat(p.accepted()).containsExactly("alice@notify.example");
                assertThat(p.rejected()).singleElement().satisfies(r -> {
                    assertThat(r.address()).isEqualTo("ghost@notify.example");
                    assertThat(r.replyCode()).isEqualTo(550);
                });
            });
        }
    }

    @Test
    void asyncSendRefusedByAClosedNotifierIsRejectedWithoutAnAttempt() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().start()) {
            Notifier closed = notifier(smtp);
            closed.close();

            assertThatThrownBy(() -> closed.global().sendEmailAsync(message("alice@notify.example")))
                    .isInstanceOf(SendRejectedException.class);

            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                assertThat(e.failure()).contains(FailureClass.REJECTED);
                assertThat(e.attempt()).isZero();
            });
            assertThat(smtp.connections()).isZero();
        }
    }

    @Test
    void throwingListenerChangesNoResult() {
        SmtpFault busy = SmtpFault.mail().reply(451, "4.3.0 try again later").times(1);
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(busy).start()) {
            SendResult result = notifier(smtp, event -> {
                throw new IllegalStateException("listener bug");
            }).global().sendEmail(message("alice@notify.example"));

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(events).extracting(SendEvent::kind).containsExactly(Kind.ATTEMPT_STARTED,
                    Kind.ATTEMPT_FAILED, Kind.ATTEMPT_STARTED, Kind.DELIVERED);
        }
    }

    @Test
    void asyncRetryWaitsOnTheSchedulerNotOnAThread() throws Exception {
        SmtpFault busy = SmtpFault.mail().reply(451, "4.3.0 try again later").times(1);
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(busy).start()) {
            var future = notifier(smtp).global().sendEmailAsync(message("alice@notify.example"));

            Duration retry = awaitRetryWait();
            assertThat(future).isNotDone();
            time.advance(retry);

            assertThat(future.get(10, java.util.concurrent.TimeUnit.SECONDS).attempts()).isEqualTo(2);
            assertThat(retryWait()).as("the retry's backoff").isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(time.waits()).as("besides it, only the pool's idle sweep")
                    .filteredOn(w -> !w.equals(retryWait())).containsOnly(POOL_SWEEP);
        }
    }
}
