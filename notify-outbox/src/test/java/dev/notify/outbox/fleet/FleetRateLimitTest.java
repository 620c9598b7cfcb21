package dev.notify.outbox.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.JdbcJournal;
import dev.notify.outbox.support.Eventually;
import dev.notify.outbox.support.FileClock;
import dev.notify.outbox.support.Postgres;
import dev.notify.settings.Settings;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs share one PostgreSQL journal and send 300 messages through a server limited to 60 a minute
 * ({@code outbox.rate.messages-per-minute}). Both run on a {@link FileClock} that only this test moves: one second
 * at a time, each time once the fleet is quiet (no message claimed, and the server held past the clock's time, so
 * nothing more may go at this instant; both read in one snapshot). The messages the SMTP server received after each
 * step are stamped with the clock's time: no 60 seconds may hold more than 60 (nor by the finished times the journal
 * recorded), none may be missing, and the last must arrive within 10 % of the ideal 5 minutes.
 */
class FleetRateLimitTest {

    private static final int MESSAGES = 300;
    private static final int PER_MINUTE = 60;
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(1);
    private static final Duration LIMIT = Duration.ofMinutes(1);

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain();

    @TempDir
    Path directory;

    @Test
    void twoJvmsSendAtMostTheLimitInAnyMinuteAndLoseNothingOnAnInjectedClock() throws Exception {
        String table = Postgres.newTable();
        FileClock clock = FileClock.create(directory.resolve("clock"), START);
        try (Notifier notifier = Notifier.builder().settings(Settings.of(smtp.layer())).clock(clock).build();
                DurableOutbox outbox = DurableOutbox.builder(notifier).delivering(false).clock(clock)
                        .journal(JdbcJournal.builder(Postgres.pooled()).table(table).build()).build()) {
            for (int seq = 0; seq < MESSAGES; seq++) {
                outbox.global().enqueueEmail(EmailMessage.builder().to("user" + seq + "@example.com")
                        .subject("rate " + seq).text("Message " + seq + " of the rate-limit test.").build());
            }
        }
        String settings = Fleet.settings(smtp, directory,
                Map.of("outbox.rate.messages-per-minute", Integer.toString(PER_MINUTE))).toString();
        List<Instant> arrivals = new ArrayList<>();
        List<FleetJvm> fleet = new ArrayList<>();
        try {
            for (String name : List.of("rate-1", "rate-2")) {
                fleet.add(FleetJvm.start(name, Postgres.jdbcUrl(), table, "60000", settings, "4", "0",
                        directory.resolve("clock").toString()));
            }
            int seen = 0;
            while (Fleet.waiting(table) > 0) {
                Instant now = clock.instant();
                Eventually.await("the fleet quiet at " + now, LIMIT, () -> quiet(table, now)
                        && smtp.rawMessages().size() == Fleet.finished(table));
                int received = smtp.rawMessages().size();
                for (; seen < received; seen++) {
                    arrivals.add(now);
                }
                clock.advance(STEP);
            }
            Eventually.await("the last message received", LIMIT, () -> smtp.rawMessages().size() >= MESSAGES);
            for (int received = smtp.rawMessages().size(); seen < received; seen++) {
                arrivals.add(clock.instant());
            }
        } finally {
            fleet.forEach(FleetJvm::close);
        }

        Duration last = Duration.between(START, arrivals.get(arrivals.size() - 1));
        Duration ideal = Duration.ofMinutes(MESSAGES / PER_MINUTE);
        List<Instant> finishedAt = new ArrayList<>();
        try (Connection c = Postgres.pooled().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT finished_at FROM " + table + "_done")) {
            while (r.next()) {
                finishedAt.add(r.getTimestamp(1).toInstant());
            }
        }
        int busiest = busiest(arrivals);
        int busiestRecorded = busiest(finishedAt);
        System.out.printf("%s: %d messages received, at most %d in any 60 s (%d by the journal's finished times), the "
                + "last after %s (ideal %s)%n", getClass().getSimpleName(), arrivals.size(), busiest, busiestRecorded,
                last, ideal);
        assertThat(smtp.messages()).extracting(EmailMessage::subject).doesNotHaveDuplicates().hasSize(MESSAGES);
        assertThat(busiest).isLessThanOrEqualTo(PER_MINUTE);
        assertThat(busiestRecorded).as("finished in any 60 s, by the journal").isLessThanOrEqualTo(PER_MINUTE);
        assertThat(Math.abs(last.toMillis() - ideal.toMillis())).as("distance from the ideal in ms")
                .isLessThanOrEqualTo(ideal.toMillis() / 10);
    }

    private static int busiest(List<Instant> times) {
        int busiest = 0;
        for (Instant from : times) {
            Instant to = from.plus(Duration.ofMinutes(1));
            busiest = Math.max(busiest, (int) times.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count());
        }
        return busiest;
    }

    /**
     * No message claimed, and nothing more may go at {@code now}: the server held past it, or nothing waits. One
     * statement reads both, in one snapshot: read one after the other, a message claimed and sent between the two
     * reads (after the first saw no claim, before the second saw the hold that the next message's deferral set) went
     * unseen, and arrived after the clock had moved on, counted with the next second's message. (The caller also waits
     * for the SMTP server to hold every message the journal has as finished: the server stores a message after its
     * reply, which the outbox may record first.)
     */
    private static boolean quiet(String table, Instant now) {
        return Fleet.count("SELECT count(*) WHERE NOT EXISTS (SELECT 1 FROM %s_queue WHERE lease_owner IS NOT NULL) "
                + "AND (NOT EXISTS (SELECT 1 FROM %s_queue) OR EXISTS (SELECT 1 FROM %s_server WHERE held_until > ?))",
                table, Timestamp.from(now)) == 1;
    }
}
