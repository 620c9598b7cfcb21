package dev.notify.outbox.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.JdbcJournal;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.support.Eventually;
import dev.notify.outbox.support.Postgres;
import dev.notify.settings.Settings;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two outboxes (two owners) share one PostgreSQL journal with a 1 s lease while the SMTP server takes 3.5 s to
 * accept a message: the outbox delivering it renews its lease, so the other never takes the message over, it is
 * sent once, and its outcome is recorded.
 */
class LeaseRenewalTest {

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain()
            .withFault(SmtpFault.endOfData().delay(Duration.ofMillis(3500)));

    @Test
    void anAttemptSlowerThanTheLeaseKeepsItsClaimAndIsSentOnce() {
        String table = Postgres.newTable();
        try (Notifier notifier = Notifier.builder().settings(Settings.of(smtp.layer())).build();
                DurableOutbox first = outbox(notifier, table, "first");
                DurableOutbox second = outbox(notifier, table, "second")) {
            String id = first.global().enqueueEmail(EmailMessage.builder().to("slow@example.com").subject("slow")
                    .text("A message the server takes longer than the lease to accept.").build());

            Eventually.await("the message recorded", Duration.ofMinutes(1),
                    () -> second.find(id).orElseThrow().state().isFinal());

            assertThat(second.find(id).orElseThrow().state()).isEqualTo(OutboxState.ACCEPTED);
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
        }
    }

    private static DurableOutbox outbox(Notifier notifier, String table, String owner) {
        return DurableOutbox.builder(notifier).pollInterval(Duration.ofMillis(100)).journal(JdbcJournal
                .builder(Postgres.pooled()).table(table).owner(owner).lease(Duration.ofSeconds(1)).build()).build();
    }
}
