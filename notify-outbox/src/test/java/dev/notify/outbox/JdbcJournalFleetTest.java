package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.DeliveryStatus;
import dev.notify.FailureClass;
import dev.notify.outbox.internal.EntryCodec;
import dev.notify.outbox.internal.RateBudget;
import dev.notify.outbox.spi.Journal;
import dev.notify.outbox.spi.Journal.Claim;
import dev.notify.outbox.spi.Journal.RateLimit;
import dev.notify.outbox.spi.Journal.Update;
import dev.notify.outbox.support.Postgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC journal does for a fleet of processes on one PostgreSQL: fencing tokens and leases, the queue's
 * ring, the move of finished rows out of the queue, the shared pause, hold and rate budget, and the migration
 * from the single table of the first release.
 */
class JdbcJournalFleetTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private String table;
    private final List<Journal> journals = new ArrayList<>();

    @BeforeEach
    void createTables() {
        table = Postgres.newTable();
    }

    @AfterEach
    void closeJournals() {
        journals.forEach(Journal::close);
    }

    private Journal journal(String owner) {
        Journal journal = JdbcJournal.builder(Postgres.pooled()).table(table).owner(owner)
                .lease(Duration.ofMinutes(1)).build();
        journals.add(journal);
        return journal;
    }

    private static OutboxEntry pending(String id, String server) {
        return OutboxEntry.pending(id, Optional.ofNullable(server), Channel.EMAIL, "<" + id + "@example.com>", NOW);
    }

    private static OutboxEntry accepted(OutboxEntry e) {
        return e.finished(OutboxState.ACCEPTED, 1, Optional.empty(), Optional.empty(), List.of("x@example.com"),
                List.of(), NOW, NOW.plus(Duration.ofDays(1)));
    }

    private static byte[] content(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWorkerWhoseLeaseWasTakenOverCannotRecordOrRenewButTheNewHolderCan() {
        Journal first = journal("first");
        Journal second = journal("second");
        first.append(pending("a", null), content("x"));
        Claim lost = first.claimDue(NOW, 1).get(0);

        Claim taken = second.claimDue(NOW.plusSeconds(61), 1).get(0);

        assertThat(taken.token()).isGreaterThan(lost.token());
        assertThat(first.renew(List.of(lost), NOW.plusSeconds(62))).containsExactly(false);
        assertThat(first.update(List.of(Update.of(lost, accepted(lost.entry()), null)))).containsExactly(false);
        assertThat(second.renew(List.of(taken), NOW.plusSeconds(62))).containsExactly(true);
        assertThat(second.update(List.of(Update.of(taken, accepted(taken.entry()), null)))).containsExactly(true);
        assertThat(first.find("a").orElseThrow().state()).isEqualTo(OutboxState.ACCEPTED);
    }

    @Test
    void aRenewedLeaseIsNotTakenOverWhenTheOriginalWouldHaveRunOut() {
        Journal first = journal("first");
        first.append(pending("a", null), content("x"));
        Claim claim = first.claimDue(NOW, 1).get(0);

        assertThat(first.renew(List.of(claim), NOW.plusSeconds(40))).containsExactly(true);

        assertThat(journal("second").claimDue(NOW.plusSeconds(61), 1)).isEmpty();
        assertThat(journal("third").claimDue(NOW.plusSeconds(101), 1)).hasSize(1);
    }

    @Test
    void oneBatchRecordsEachOutcomeUnderItsOwnTokenAndMovesFinishedRowsOutOfTheQueue() throws SQLException {
        Journal journal = journal("first");
        for (String id : List.of("a", "b", "c")) {
            journal.append(pending(id, null), content(id));
        }
        List<Claim> claims = journal.claimDue(NOW, 3);
        Claim a = claims.get(0);
        Claim b = claims.get(1);
        Claim c = claims.get(2);
        OutboxEntry retrying = b.entry().retrying(1, NOW.plusSeconds(30), FailureClass.TRANSIENT, "451 later",
                List.of(), List.of());

        List<Boolean> stored = journal.update(List.of(Update.of(a, accepted(a.entry()), null),
                Update.of(b, retrying, content("b2")), new Update(accepted(c.entry()), null, c.token() + 7)));

        assertThat(stored).containsExactly(true, true, false);
        assertThat(count(table + "_queue")).isEqualTo(2);
        assertThat(count(table + "_done")).isEqualTo(1);
        assertThat(journal.find("b")).contains(retrying);
        assertThat(journal.claimDue(NOW.plusSeconds(30), 5)).extracting(cl -> new String(cl.message(),
                StandardCharsets.UTF_8)).containsExactly("b2");
    }

    @Test
    void theRingTruncatesTheOldestSlotAfterCopyingItsWaitingAndClaimedRowsIntoTheCurrentOne() throws SQLException {
        Journal journal = journal("first");
        journal.append(pending("claimed", null), content("1"));
        journal.append(pending("waiting", null), content("2"));
        journal.append(pending("finished", null), content("3"));
        List<Claim> claims = journal.claimDue(NOW, 2);
        Claim finished = claims.stream().filter(cl -> cl.entry().id().equals("finished")).findFirst()
                .orElseGet(() -> claims.get(1));
        Claim claimed = claims.stream().filter(cl -> cl != finished).findFirst().orElseThrow();
        journal.update(List.of(Update.of(finished, accepted(finished.entry()), null)));

        turnRing();
        turnRing();

        assertThat(count(table + "_queue_0")).as("slot 0, emptied by the second turn").isZero();
        assertThat(count(table + "_queue_2")).as("the current slot").isEqualTo(2);
        assertThat(journal.update(List.of(Update.of(claimed, accepted(claimed.entry()), null))))
                .as("a claim whose row moved keeps its token").containsExactly(true);
        assertThat(journal.claimDue(NOW, 5)).extracting(cl -> cl.entry().id()).hasSize(1);
    }

    @Test
    void aPausedServerKeepsItsMessagesQueuedForEveryProcessUntilResumed() {
        Journal first = journal("first");
        first.append(pending("eu", "eu-1"), content("x"));
        first.append(pending("global", null), content("y"));

        first.pause("eu-1");

        assertThat(journal("second").claimDue(NOW, 5)).extracting(c -> c.entry().id()).containsExactly("global");
        assertThat(first.stats(NOW).pausedServers()).containsExactly("eu-1");
        journal("third").resume("eu-1");
        assertThat(first.claimDue(NOW, 5)).extracting(c -> c.entry().id()).containsExactly("eu");
    }

    @Test
    void aSlowDownHoldsTheServerForEveryProcessAndALaterHoldWins() {
        Journal first = journal("first");
        first.append(pending("a", "eu-1"), content("x"));

        first.slowDown("eu-1", NOW.plusSeconds(30));
        journal("second").slowDown("eu-1", NOW.plusSeconds(10));

        assertThat(journal("third").claimDue(NOW.plusSeconds(29), 5)).isEmpty();
        assertThat(first.nextDue()).contains(NOW.plusSeconds(30));
        assertThat(first.stats(NOW).heldUntil()).containsEntry("eu-1", NOW.plusSeconds(30));
        assertThat(first.claimDue(NOW.plusSeconds(30), 5)).hasSize(1);
    }

    @Test
    void messagesPerMinuteArePacedAcrossProcessesFromOneBudgetInTheServersRow() {
        Journal first = journal("first");
        Journal second = journal("second");
        RateLimit sixty = new RateLimit(60, 0);
        Instant paced = NOW.plus(RateBudget.spacing(60)).plus(RateBudget.spacing(60)).minus(RateBudget.CATCH_UP);

        assertThat(first.takeBudget("eu-1", 1, NOW, sixty)).isEmpty();
        assertThat(second.takeBudget("eu-1", 1, NOW.plusMillis(100), sixty)).as("within the catch-up").isEmpty();
        assertThat(first.takeBudget("eu-1", 1, NOW.plusMillis(500), sixty)).contains(paced);
        assertThat(second.stats(NOW.plusMillis(500)).heldUntil()).containsEntry("eu-1", paced);
        assertThat(second.takeBudget("eu-1", 1, paced, sixty)).isEmpty();
        assertThat(first.takeBudget("eu-2", 1, paced, sixty)).as("another server's budget").isEmpty();
    }

    @Test
    void recipientsPerDayAreOneBudgetAcrossProcessesKeptInAFewBucketsOfTheServersRow() throws SQLException {
        Journal first = journal("first");
        Journal second = journal("second");
        RateLimit hundred = new RateLimit(0, 100);
        Instant firstBucketLeaves = NOW.plus(RateBudget.BUCKET).plus(Duration.ofDays(1)).plus(RateBudget.MARGIN);

        assertThat(first.takeBudget("eu-1", 60, NOW, hundred)).isEmpty();
        assertThat(second.takeBudget("eu-1", 30, NOW.plusSeconds(3600), hundred)).isEmpty();
        for (int minute = 121; minute < 24 * 60; minute += 7) {
            assertThat(second.takeBudget("eu-1", 20, NOW.plusSeconds(60L * minute), hundred))
                    .contains(firstBucketLeaves);
        }
        assertThat(first.takeBudget("eu-1", 20, firstBucketLeaves, hundred)).isEmpty();
        assertThat(second.takeBudget("eu-2", 500, NOW, hundred)).as("too many for a day, an empty day").isEmpty();
        try (Connection c = Postgres.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT day_from, cardinality(day_recipients) FROM " + table
                        + "_server WHERE server_key = 'eu-1'")) {
            r.next();
            assertThat(r.getTimestamp(1).toInstant()).isEqualTo(NOW.plusSeconds(3600));
            assertThat(r.getInt(2)).as("buckets from the hour's to the day's").isEqualTo(12 * 24 - 12 + 2);
        }
    }

    @Test
    void theTablesOfTheFirstReleaseAreMigratedWithTheirRowsAndRemainReadableUnderTheirName() throws Exception {
        String old = "outbox_v1_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
        String none = noRecipients();
        try (Connection c = Postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(resource("/notify-outbox-postgresql-0.1.sql").replace("notify_outbox", old));
            s.execute("INSERT INTO " + old + " (id, server_id, channel, message_id, state, enqueued_at, queued_since, "
                    + "attempts, next_attempt_at, recipients, lease_owner, lease_until, format_version, message) "
                    + "VALUES ('w', 'eu-1', 'EMAIL', '<w@x>', 'RETRYING', now(), now(), 2, '2030-01-01Z', " + none
                    + ", 'gone', '2029-01-01Z', 1, 'content-w')");
            s.execute("INSERT INTO " + old + " (id, channel, message_id, state, enqueued_at, queued_since, attempts, "
                    + "failure_class, reason, recipients, finished_at, keep_until, format_version, message) VALUES "
                    + "('f', 'EMAIL', '<f@x>', 'FAILED', now(), now(), 1, 'PERMANENT', '554 no', " + none
                    + ", now(), '2031-01-01Z', 1, 'content-f')");
            s.execute("INSERT INTO " + old + " (id, channel, message_id, state, enqueued_at, queued_since, attempts, "
                    + "recipients, finished_at, keep_until, format_version) VALUES ('s', 'SMS', '<s@x>', 'ACCEPTED', "
                    + "now(), now(), 1, " + none + ", now(), '2031-01-01Z', 1)");
        }
        Journal before = JdbcJournal.builder(Postgres.pooled()).table(old).owner("old").build();
        journals.add(before);

        upgradeTwice(old);

        assertThat(before.find("w")).hasValueSatisfying(e -> {
            assertThat(e.state()).isEqualTo(OutboxState.RETRYING);
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.serverId()).contains("eu-1");
        });
        assertThat(before.find("f")).hasValueSatisfying(e -> assertThat(e.reason()).contains("554 no"));
        assertThat(before.claimDue(NOW, 5)).singleElement()
                .satisfies(c -> assertThat(new String(c.message(), StandardCharsets.UTF_8)).isEqualTo("content-w"));
        assertThat(before.requeue("f", NOW)).isTrue();
        assertThat(count(old)).as("the view of the old name").isEqualTo(3);
        assertThat(before.recordDelivery("s", DeliveryStatus.DELIVERED)).isTrue();
        assertThat(before.findByMessageId("<s@x>")).hasValueSatisfying(e ->
                assertThat(e.delivery()).contains(DeliveryStatus.DELIVERED));
    }

    @Test
    void tablesFromBeforeDeliveryReceiptsGetTheirColumnsAndIndexesAndKeepTheirRows() throws Exception {
        String old = "outbox_r_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
        String none = noRecipients();
        try (Connection c = Postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(resource("/notify-outbox-postgresql-before-receipts.sql").replace("notify_outbox", old));
            s.execute("INSERT INTO " + old + "_done (id, channel, message_id, state, enqueued_at, queued_since, "
                    + "attempts, recipients, finished_at, keep_until, claim_gen, format_version) VALUES ('s', 'SMS', "
                    + "'<s@x>', 'ACCEPTED', now(), now(), 1, " + none + ", now(), '2031-01-01Z', 1, 2)");
            s.execute("INSERT INTO " + old + "_queue (id, slot, channel, message_id, state, enqueued_at, "
                    + "queued_since, attempts, next_attempt_at, recipients, format_version, message) VALUES ('q', 0, "
                    + "'SMS', '<q@x>', 'PENDING', now(), now(), 0, '2030-01-01Z', " + none + ", 2, 'content-q')");
        }

        upgradeTwice(old);
        Journal upgraded = JdbcJournal.builder(Postgres.pooled()).table(old).owner("upgraded").build();
        journals.add(upgraded);

        assertThat(upgraded.find("s")).hasValueSatisfying(e -> {
            assertThat(e.delivery()).isEmpty();
            assertThat(e.serviceMessageId()).isEmpty();
        });
        assertThat(upgraded.recordDelivery("s", DeliveryStatus.SENT)).isTrue();
        assertThat(upgraded.findByMessageId("<s@x>").orElseThrow().delivery()).contains(DeliveryStatus.SENT);
        Claim claim = upgraded.claimDue(NOW, 1).get(0);
        assertThat(upgraded.update(claim.entry().finished(OutboxState.ACCEPTED, 1, Optional.empty(),
                Optional.empty(), List.of("+15550101234"), List.of(), NOW, NOW.plusSeconds(3600))
                .withServiceMessageId("SM-after"), null)).isTrue();
        assertThat(upgraded.findByServiceMessageId("SM-after")).map(OutboxEntry::id).contains("q");
        assertThat(indexes(old + "_done")).contains(old + "_done_message", old + "_done_service_message");
        assertThat(indexes(old + "_queue")).contains(old + "_queue_message");
    }

    /** Runs the shipped DDL on the tables named {@code base} twice, as every upgrade does. */
    private static void upgradeTwice(String base) throws SQLException {
        try (Connection c = Postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(JdbcJournal.postgresqlDdl().replace("notify_outbox", base));
            s.execute(JdbcJournal.postgresqlDdl().replace("notify_outbox", base));
        }
    }

    /** The recipients column of an entry with none, as an SQL literal. */
    private static String noRecipients() {
        return "'\\x" + HexFormat.of().formatHex(EntryCodec.encodeRecipients(List.of(), List.of())) + "'";
    }

    private static List<String> indexes(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = Postgres.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = '" + table + "'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private void turnRing() throws SQLException {
        try (Connection c = Postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE " + table + "_ring SET rotated_at = rotated_at - interval '1 hour'");
        }
        journal("ring-" + System.nanoTime()).claimDue(NOW.minus(Duration.ofDays(1)), 1);
    }

    private static long count(String relation) throws SQLException {
        try (Connection c = Postgres.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + relation)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = JdbcJournalFleetTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
