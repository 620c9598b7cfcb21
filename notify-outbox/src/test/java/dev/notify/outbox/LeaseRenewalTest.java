package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendEvent;
import dev.notify.message.EmailMessage;
import dev.notify.outbox.spi.Journal;
import dev.notify.outbox.support.Eventually;
import dev.notify.outbox.support.LeasingJournal;
import dev.notify.outbox.support.ManualTime;
import dev.notify.settings.Settings;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An attempt that outlasts the journal's lease: an SMTP server that answers the end of the data only after a few
 * seconds, while the injected clock runs past the lease. The outbox renews the lease of the running attempt; when
 * another process has taken the message over all the same, the attempt's outcome is dropped, not reported over it.
 */
class LeaseRenewalTest {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain()
            .withFault(SmtpFault.endOfData().delay(Duration.ofSeconds(3)));

    private final ManualTime time = new ManualTime();
    private final List<SendEvent> events = new CopyOnWriteArrayList<>();
    private final LeasingJournal journal = new LeasingJournal(LEASE);
    private Notifier notifier;
    private DurableOutbox outbox;

    @BeforeEach
    void start() {
        notifier = Notifier.builder().settings(Settings.of(smtp.layer())).clock(time).listener(events::add).build();
        outbox = DurableOutbox.builder(notifier).journal(journal).clock(time).scheduler(time).workers(1).build();
    }

    @AfterEach
    void stop() {
        outbox.close();
        notifier.close();
    }

    private String enqueueAndAwaitClaim() {
        String id = outbox.global().enqueueEmail(EmailMessage.builder().to("alice@example.com").subject("Slow relay")
                .text("This takes longer than the lease.").build());
        Eventually.await("the message claimed", LIMIT, () -> journal.claimToken(id) != 0);
        return id;
    }

    @Test
    void attemptSlowerThanTheLeaseKeepsItsClaimAndIsRecordedOnce() {
        String id = enqueueAndAwaitClaim();

        for (int i = 0; i < 3; i++) {
            time.advance(Duration.ofSeconds(4));
        }

        assertThat(journal.claimDue(time.instant(), 10)).as("another process finds no lease run out after 12 s")
                .isEmpty();
        Eventually.await("accepted", LIMIT, () -> outbox.find(id).map(e -> e.state() == OutboxState.ACCEPTED)
                .orElse(false));
        assertThat(smtp.messages()).hasSize(1);
        assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(1);
        assertThat(events).extracting(SendEvent::kind).contains(SendEvent.Kind.DELIVERED);
    }

    @Test
    void attemptWhoseLeaseWasTakenOverDropsItsOutcome() {
        String id = enqueueAndAwaitClaim();
        List<Journal.Claim> takenOver = journal.claimDue(time.instant().plus(LEASE).plusSeconds(1), 10);

        time.advance(Duration.ofSeconds(4));
        outbox.close();

        assertThat(takenOver).singleElement().satisfies(c -> assertThat(c.entry().id()).isEqualTo(id));
        assertThat(smtp.messages()).as("the slow attempt did reach the server").hasSize(1);
        assertThat(journal.find(id).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
        assertThat(journal.claimToken(id)).as("still the other process's claim").isEqualTo(takenOver.get(0).token());
        assertThat(events).extracting(SendEvent::kind).doesNotContain(SendEvent.Kind.DELIVERED);
    }

    @Test
    void outcomeUnderAStaleTokenIsRefusedEvenBeforeARenewalNoticed() {
        String id = enqueueAndAwaitClaim();
        List<Journal.Claim> takenOver = journal.claimDue(time.instant().plus(LEASE).plusSeconds(1), 10);

        outbox.close();

        assertThat(smtp.messages()).hasSize(1);
        assertThat(journal.find(id).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
        assertThat(journal.claimToken(id)).isEqualTo(takenOver.get(0).token());
        assertThat(events).extracting(SendEvent::kind).doesNotContain(SendEvent.Kind.DELIVERED);
    }
}
