package dev.notify.outbox.internal.jdbc;

import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.internal.EntryCodec;
import dev.notify.outbox.spi.Journal.Update;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records the outcomes of attempts, many in one statement per kind: entries waiting for another attempt are
 * updated in the queue, finished ones are moved out of it into the table of finished entries (DELETE ... RETURNING
 * feeding an INSERT, one statement), an accepted SMS with the id its service gave it. Each counts only while its
 * claim is held: its row still has the claim's fencing token ({@code claim_gen}) and this process as the lease owner
 * (the owner as well, because a claim is committed without waiting for its WAL flush: a database crash may lose it
 * and hand out its token again, but only to another owner's claim unless this process claims the row again itself).
 * An update without a token (a negative one: the first SPI's {@code update(entry, message)}) counts while this
 * process holds the lease.
 */
final class Outcomes {

    /** Rows per statement: well under PostgreSQL's 32767 parameters. */
    private static final int CHUNK = 500;
    private static final String HELD = "q.lease_owner = ? AND (q.claim_gen = v.gen OR v.gen < 0)";
    private static final String FINISHED_ROW = "(?::varchar, ?::bigint, ?::varchar, ?::integer, ?::varchar, "
            + "?::text, ?::bytea, ?::timestamptz, ?::timestamptz, ?::boolean, ?::bytea, ?::varchar, ?::varchar)";
    private static final String WAITING_ROW = "(?::varchar, ?::bigint, ?::varchar, ?::integer, ?::timestamptz, "
            + "?::varchar, ?::text, ?::bytea, ?::timestamptz, ?::bytea)";

    private final Tables tables;
    private final String owner;

    Outcomes(Tables tables, String owner) {
        this.tables = tables;
        this.owner = owner;
    }

    /** Stores the updates on {@code c} (the caller commits); for each, whether its claim was held. */
    List<Boolean> store(Connection c, List<Update> updates) throws SQLException {
        List<Update> finished = new ArrayList<>();
        List<Update> waiting = new ArrayList<>();
        for (Update u : updates) {
            (u.entry().state().isFinal() ? finished : waiting).add(u);
        }
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < finished.size(); from += CHUNK) {
            stored.addAll(finish(c, finished.subList(from, Math.min(finished.size(), from + CHUNK))));
        }
        for (int from = 0; from < waiting.size(); from += CHUNK) {
            stored.addAll(reschedule(c, waiting.subList(from, Math.min(waiting.size(), from + CHUNK))));
        }
        List<Boolean> result = new ArrayList<>(updates.size());
        for (Update u : updates) {
            result.add(stored.contains(u.entry().id()));
        }
        return result;
    }

    private Set<String> finish(Connection c, List<Update> updates) throws SQLException {
        String sql = "WITH v (id, gen, state, attempts, failure_class, reason, recipients, finished_at, keep_until, "
                + "keep_message, message, service_message_id, delivery) AS (VALUES " + Rows.rows(updates.size(), FINISHED_ROW) + "), "
                + "moved AS (DELETE FROM " + tables.queue() + " q USING v WHERE q.id = v.id AND " + HELD
                + " RETURNING q.id, q.server_id, q.channel, q.message_id, q.enqueued_at, q.queued_since, q.claim_gen, "
                + "q.format_version, q.message) "
                + "INSERT INTO " + tables.done() + " (id, server_id, channel, message_id, state, enqueued_at, "
                + "queued_since, attempts, failure_class, reason, recipients, finished_at, keep_until, claim_gen, "
                + "format_version, message, service_message_id, delivery) SELECT m.id, m.server_id, m.channel, "
                + "m.message_id, v.state, m.enqueued_at, m.queued_since, v.attempts, v.failure_class, v.reason, "
                + "v.recipients, v.finished_at, v.keep_until, m.claim_gen, m.format_version, "
                + "CASE WHEN v.keep_message THEN coalesce(v.message, m.message) END, v.service_message_id, v.delivery "
                + "FROM moved m JOIN v ON v.id = m.id RETURNING id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (Update u : updates) {
                OutboxEntry e = u.entry();
                boolean keepMessage = e.state() == OutboxState.FAILED;
                s.setString(i++, e.id());
                s.setLong(i++, u.token());
                s.setString(i++, e.state().name());
                s.setInt(i++, e.attempts());
                s.setString(i++, e.failureClass().map(Enum::name).orElse(null));
                s.setString(i++, e.reason().orElse(null));
                s.setBytes(i++, EntryCodec.encodeRecipients(e.accepted(), e.rejected()));
                Rows.setTime(s, i++, e.finishedAt());
                Rows.setTime(s, i++, e.keepUntil());
                s.setBoolean(i++, keepMessage);
                s.setBytes(i++, keepMessage ? u.message() : null);
                s.setString(i++, e.serviceMessageId().orElse(null));
                s.setString(i++, e.delivery().map(Enum::name).orElse(null));
            }
            s.setString(i, owner);
            return ids(s);
        }
    }

    private Set<String> reschedule(Connection c, List<Update> updates) throws SQLException {
        String sql = "UPDATE " + tables.queue() + " q SET state = v.state, attempts = v.attempts, next_attempt_at = "
                + "v.next_attempt_at, failure_class = v.failure_class, reason = v.reason, recipients = v.recipients, "
                + "queued_since = v.queued_since, lease_owner = NULL, lease_until = NULL, message = "
                + "coalesce(v.message, q.message) FROM (VALUES " + Rows.rows(updates.size(), WAITING_ROW) + ") AS v "
                + "(id, gen, state, attempts, next_attempt_at, failure_class, reason, recipients, queued_since, "
                + "message) WHERE q.id = v.id AND " + HELD + " RETURNING q.id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (Update u : updates) {
                OutboxEntry e = u.entry();
                s.setString(i++, e.id());
                s.setLong(i++, u.token());
                s.setString(i++, e.state().name());
                s.setInt(i++, e.attempts());
                Rows.setTime(s, i++, e.nextAttemptAt());
                s.setString(i++, e.failureClass().map(Enum::name).orElse(null));
                s.setString(i++, e.reason().orElse(null));
                s.setBytes(i++, EntryCodec.encodeRecipients(e.accepted(), e.rejected()));
                Rows.setTime(s, i++, e.queuedSince());
                s.setBytes(i++, u.message());
            }
            s.setString(i, owner);
            return ids(s);
        }
    }

    private static Set<String> ids(PreparedStatement s) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }
}
