package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.outbox.support.Eventually;
import dev.notify.outbox.support.ManualTime;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A relay that answers 421 holds its server back for every message, not only for the one that saw it. */
class RelaySlowDownTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain()
            .withFault(SmtpFault.mail().reply(421, "4.7.0 Too many messages, slow down").times(1));

    @TempDir
    Path directory;

    private final ManualTime time = new ManualTime();
    private Notifier notifier;
    private DurableOutbox outbox;

    @AfterEach
    void close() {
        outbox.close();
        notifier.close();
    }

    private static EmailMessage mail(String to) {
        return EmailMessage.builder().to(to).subject("Notice").text("Hello.").build();
    }

    private boolean is(String id, OutboxState state) {
        return outbox.find(id).map(e -> e.state() == state).orElse(false);
    }

    @Test
    void a421HoldsTheServerUntilTheFailedMessagesNextAttemptForEveryMessage() {
        Layer layer = Layer.builder(smtp.layer()).set("outbox.retry.initial-delay", "1m")
                .set("outbox.retry.max-delay", "1m").build();
        notifier = Notifier.builder().settings(Settings.of(layer)).clock(time).build();
        outbox = DurableOutbox.builder(notifier).journal(FileJournal.in(directory)).clock(time).scheduler(time).build();

        String first = outbox.global().enqueueEmail(mail("alice@example.com"));
        Eventually.await("the first retrying after the 421", LIMIT, () -> is(first, OutboxState.RETRYING));
        String second = outbox.global().enqueueEmail(mail("bob@example.com"));
        time.advance(Duration.ofSeconds(30));

        assertThat(outbox.find(second).orElseThrow().state()).as("due, but its server is held").isEqualTo(OutboxState.PENDING);
        assertThat(outbox.stats().heldUntil()).containsKey("");
        assertThat(smtp.messages()).isEmpty();

        time.advance(Duration.ofMinutes(1));

        Eventually.await("both accepted", LIMIT, () -> is(first, OutboxState.ACCEPTED) && is(second, OutboxState.ACCEPTED));
        assertThat(smtp.messages()).hasSize(2);
    }
}
