package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.outbox.internal.RateBudget;
import dev.notify.outbox.support.Eventually;
import dev.notify.outbox.support.ManualTime;
import dev.notify.settings.InMemorySettingsSource;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Fakes;
import dev.notify.testkit.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pause and resume per server, the outbox's stats, and per-server rate limits, on the file journal. */
class OutboxOperationsTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private final ManualTime time = new ManualTime();
    private final InMemorySettingsSource settings = new InMemorySettingsSource(TestSettings.parse(
            "email.enabled=true",
            "email.delivery-method=fake",
            "email.sender=Portal <portal@example.com>",
            "servers.limited.outbox.rate.messages-per-minute=2",
            "servers.daily.outbox.rate.recipients-per-day=3"));
    private final Notifier notifier = Notifier.builder().settings(settings).provider(new FakeEmailProvider())
            .clock(time).build();
    private final Fakes fakes = Fakes.of(notifier);
    private DurableOutbox outbox;

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
        notifier.close();
    }

    private DurableOutbox open() {
        outbox = DurableOutbox.builder(notifier).journal(FileJournal.in(directory)).clock(time).scheduler(time).build();
        return outbox;
    }

    private static EmailMessage mail(String... to) {
        return EmailMessage.builder().to(to).subject("Notice").text("Hello.").build();
    }

    private void await(String what, BooleanSupplier condition) {
        Eventually.await(what, LIMIT, condition);
    }

    /**
     * Waits for what the outbox does at the current instant: runs the wake-ups due now (the clock does not move), as
     * the poller may schedule its next one only after the test moved the clock to it.
     */
    private void awaitAtThisInstant(String what, BooleanSupplier condition) {
        Eventually.await(what, LIMIT, () -> {
            time.advance(Duration.ZERO);
            return condition.getAsBoolean();
        });
    }

    private boolean is(String id, OutboxState state) {
        return outbox.find(id).map(e -> e.state() == state).orElse(false);
    }

    @Test
    void pausedServerKeepsItsMessagesQueuedWhileOthersAreDeliveredAndResumeSendsThem() {
        open().server("eu-1").pause();
        String paused = outbox.server("eu-1").enqueueEmail(mail("alice@example.com"));
        String other = outbox.server("eu-2").enqueueEmail(mail("bob@example.com"));

        await("the other server's message accepted", () -> is(other, OutboxState.ACCEPTED));
        time.advance(Duration.ofMinutes(5));

        assertThat(outbox.find(paused).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
        OutboxStats stats = outbox.stats();
        assertThat(stats.pausedServers()).containsExactly("eu-1");
        assertThat(stats.oldestDueAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(stats.counts()).containsEntry(OutboxState.PENDING, 1L).containsEntry(OutboxState.ACCEPTED, 1L);

        outbox.server("eu-1").resume();

        await("the paused server's message accepted", () -> is(paused, OutboxState.ACCEPTED));
        assertThat(outbox.stats().pausedServers()).isEmpty();
        assertThat(outbox.stats().oldestDue()).isEmpty();
    }

    @Test
    void pauseLastsAcrossARestart() {
        open().server("eu-1").pause();
        outbox.close();

        String id = open().server("eu-1").enqueueEmail(mail("alice@example.com"));
        String other = outbox.global().enqueueEmail(mail("bob@example.com"));

        await("the global message accepted", () -> is(other, OutboxState.ACCEPTED));
        assertThat(outbox.find(id).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
        assertThat(outbox.stats().pausedServers()).containsExactly("eu-1");
    }

    @Test
    void messagesPerMinuteGoAtTheLimitsPaceAndEachWaitsOnlyUntilItsTurn() {
        Instant start = time.instant();
        ServerOutbox limited = open().server("limited");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(limited.enqueueEmail(mail("user" + i + "@example.com")));
        }
        Duration spacing = RateBudget.spacing(2);
        Instant second = start.plus(spacing).minus(RateBudget.CATCH_UP);

        await("one sent", () -> fakes.outbox().emails().size() == 1);
        awaitHeldUntil(second);
        time.advance(Duration.between(start, second).minusMillis(100));
        assertThat(fakes.outbox().emails()).as("before the second's turn").hasSize(1);
        time.advance(Duration.ofMillis(100));
        awaitAtThisInstant("the second at its turn", () -> fakes.outbox().emails().size() == 2);
        awaitHeldUntil(second.plus(spacing));
        time.advance(spacing.minusMillis(100));
        assertThat(fakes.outbox().emails()).as("no third within the minute").hasSize(2);
        time.advance(Duration.ofMillis(100));
        awaitAtThisInstant("the third", () -> fakes.outbox().emails().size() == 3);
        awaitHeldUntil(second.plus(spacing.multipliedBy(2)));
        time.advance(spacing);
        awaitAtThisInstant("the fourth", () -> fakes.outbox().emails().size() == 4);
        awaitHeldUntil(second.plus(spacing.multipliedBy(3)));
        time.advance(spacing);
        awaitAtThisInstant("the last", () -> fakes.outbox().emails().size() == 5);

        await("all accepted", () -> ids.stream().allMatch(id -> is(id, OutboxState.ACCEPTED)));
        assertThat(ids).allSatisfy(id -> assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(1));
    }

    /** Waits until the messages left over were deferred to the next one's turn: the server is held until then. */
    private void awaitHeldUntil(Instant turn) {
        await("the server held until " + turn, () -> turn.equals(outbox.stats().heldUntil().get("limited")));
    }

    @Test
    void recipientsPerDayHoldTheServerUntilTheDayHasRoom() {
        String first = open().server("daily").enqueueEmail(mail("a@example.com", "b@example.com"));
        await("the first accepted", () -> is(first, OutboxState.ACCEPTED));
        String second = outbox.server("daily").enqueueEmail(mail("c@example.com", "d@example.com"));
        Duration firstBucketLeaves = RateBudget.BUCKET.plus(Duration.ofDays(1)).plus(RateBudget.MARGIN);

        time.advance(firstBucketLeaves.minusSeconds(1));
        assertThat(outbox.find(second).orElseThrow().state()).isEqualTo(OutboxState.PENDING);
        time.advance(Duration.ofSeconds(1));

        await("the second accepted once the first's bucket left the day", () -> is(second, OutboxState.ACCEPTED));
        assertThat(fakes.outbox().emails()).hasSize(2);
    }
}
