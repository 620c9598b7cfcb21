package dev.notify.outbox.internal.jdbc;

import dev.notify.DeliveryStatus;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.OutboxStats;
import dev.notify.outbox.internal.EntryCodec;
import dev.notify.outbox.spi.Journal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC journal on PostgreSQL. Entries still to deliver live in a small queue table, partitioned into a ring of
 * slots that {@link Ring} empties with TRUNCATE in turn; finished entries are moved out into a table that only
 * grows by INSERT until they expire; {@link Servers} holds the per-server pause, hold and rate budget. Due rows
 * are claimed in one statement ({@code FOR UPDATE SKIP LOCKED}, so processes sharing the tables never take the
 * same row, and each takes no more than it has free workers for) with a lease and a new fencing token
 * ({@code claim_gen}); outcomes are recorded in one statement per kind and batch, each only under its token.
 *
 * <p>This class is threadsafe: it holds no connection between calls.
 */
public final class TableJournal implements Journal {

    private static final Logger LOG = LoggerFactory.getLogger(TableJournal.class);

    private final Database database;
    private final Tables tables;
    private final String owner;
    private final Duration lease;
    private final String description;
    private final Ring ring;
    private final Servers servers;
    private final Outcomes outcomes;

    public TableJournal(DataSource dataSource, String table, String owner, Duration lease, Duration ringInterval,
            String description) {
        this.database = new Database(dataSource, table, description);
        this.tables = new Tables(table);
        this.owner = owner;
        this.lease = lease;
        this.description = description;
        this.ring = new Ring(database, tables, ringInterval);
        this.servers = new Servers(database, tables);
        this.outcomes = new Outcomes(tables, owner);
    }

    @Override
    public void append(OutboxEntry e, byte[] message) {
        String sql = "INSERT INTO " + tables.queue() + " (id, slot, server_id, channel, message_id, state, enqueued_at, "
                + "queued_since, attempts, next_attempt_at, failure_class, reason, recipients, format_version, message) "
                + "VALUES (?, " + tables.currentSlot() + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        database.transaction("store a message", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, e.id());
                s.setString(i++, e.serverId().orElse(null));
                s.setString(i++, e.channel().name());
                s.setString(i++, e.messageId());
                s.setString(i++, e.state().name());
                Rows.setTime(s, i++, e.enqueuedAt());
                Rows.setTime(s, i++, e.queuedSince());
                s.setInt(i++, e.attempts());
                Rows.setTime(s, i++, e.nextAttemptAt());
                s.setString(i++, e.failureClass().map(Enum::name).orElse(null));
                s.setString(i++, e.reason().orElse(null));
                s.setBytes(i++, EntryCodec.encodeRecipients(e.accepted(), e.rejected()));
                s.setInt(i++, EntryCodec.VERSION);
                s.setBytes(i, message);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<Claim> claimDue(Instant now, int max) {
        turnRing();
        String sql = "UPDATE " + tables.queue() + " q SET lease_owner = ?, lease_until = ?, claim_gen = q.claim_gen + 1 "
                + "FROM (SELECT d.id, d.slot FROM " + tables.queue() + " d WHERE d.next_attempt_at <= ? AND "
                + "(d.lease_until IS NULL OR d.lease_until < ?) AND " + servers.open("d")
                + " ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE OF d SKIP LOCKED) due "
                + "WHERE q.id = due.id AND q.slot = due.slot RETURNING q.id, q.server_id, q.channel, q.message_id, "
                + "q.state, q.enqueued_at, q.queued_since, q.attempts, q.next_attempt_at, q.failure_class, q.reason, "
                + "q.recipients, NULL::timestamptz AS finished_at, NULL::timestamptz AS keep_until, "
                + Rows.NO_RECEIPTS + ", q.claim_gen, q.message";
        List<Claim> claims = database.visible("claim due messages", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, owner);
                Rows.setTime(s, 2, now.plus(lease));
                Rows.setTime(s, 3, now);
                Rows.setTime(s, 4, now);
                Rows.setTime(s, 5, now);
                s.setInt(6, max);
                List<Claim> claimed = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        claimed.add(new Claim(Rows.entry(r), r.getBytes("message"), r.getLong("claim_gen")));
                    }
                }
                return claimed;
            }
        });
        claims.sort(Comparator.comparing((Claim c) -> c.entry().nextAttemptAt().orElseThrow())
                .thenComparing(c -> c.entry().id()));
        return claims;
    }

    private void turnRing() {
        try {
            ring.turnWhenDue();
        } catch (RuntimeException e) {
            LOG.debug("Outbox: the queue's ring of {} was not turned this time: {}", tables.queue(), e.getMessage());
        }
    }

    @Override
    public boolean update(OutboxEntry entry, byte[] message) {
        return update(List.of(new Update(entry, message, -1))).get(0);
    }

    @Override
    public List<Boolean> update(List<Update> updates) {
        if (updates.isEmpty()) {
            return List.of();
        }
        try {
            return database.transaction("store the outcome of attempts", c -> outcomes.store(c, updates));
        } catch (RuntimeException e) {
            for (Update u : updates) {
                try {
                    release(u.entry().id());
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    @Override
    public void release(String id) {
        database.visible("release a message", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.queue()
                    + " SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")) {
                s.setString(1, id);
                s.setString(2, owner);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Duration> lease() {
        return Optional.of(lease);
    }

    @Override
    public List<Boolean> renew(List<Claim> claims, Instant now) {
        if (claims.isEmpty()) {
            return List.of();
        }
        String sql = "UPDATE " + tables.queue() + " q SET lease_until = ? FROM (VALUES "
                + Rows.rows(claims.size(), "(?::varchar, ?::bigint)") + ") AS v (id, gen) WHERE q.id = v.id AND "
                + "q.claim_gen = v.gen AND q.lease_owner = ? RETURNING q.id";
        Set<String> held = database.visible("renew leases", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                Rows.setTime(s, 1, now.plus(lease));
                int i = 2;
                for (Claim claim : claims) {
                    s.setString(i++, claim.entry().id());
                    s.setLong(i++, claim.token());
                }
                s.setString(i, owner);
                Set<String> ids = new java.util.HashSet<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
                return ids;
            }
        });
        return claims.stream().map(c -> held.contains(c.entry().id())).toList();
    }

    @Override
    public void pause(String server) {
        servers.pause(server, true);
    }

    @Override
    public void resume(String server) {
        servers.pause(server, false);
    }

    @Override
    public void slowDown(String server, Instant until) {
        servers.slowDown(server, until);
    }

    @Override
    public Optional<Instant> takeBudget(String server, int recipients, Instant now, RateLimit limit) {
        return servers.takeBudget(server, recipients, now, limit);
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
        return findOne("read a message", "SELECT " + Rows.QUEUE_ENTRY + " FROM " + tables.queue() + " WHERE id = ? "
                + "UNION ALL SELECT " + Rows.DONE_ENTRY + " FROM " + tables.done() + " WHERE id = ?", id, id);
    }

    @Override
    public Optional<OutboxEntry> findByMessageId(String messageId) {
        return findOne("find a message by its Message-ID", "SELECT " + Rows.QUEUE_ENTRY + " FROM " + tables.queue()
                + " WHERE message_id = ? UNION ALL SELECT " + Rows.DONE_ENTRY + " FROM " + tables.done()
                + " WHERE message_id = ? ORDER BY enqueued_at DESC, id LIMIT 1", messageId, messageId);
    }

    @Override
    public Optional<OutboxEntry> findByServiceMessageId(String serviceMessageId) {
        return findOne("find an SMS by its service's id", "SELECT " + Rows.DONE_ENTRY + " FROM " + tables.done()
                + " WHERE string_to_array(service_message_id, ',') @> ARRAY[?]::text[] AND service_message_id IS NOT "
                + "NULL ORDER BY enqueued_at DESC, id LIMIT 1", serviceMessageId);
    }

    private Optional<OutboxEntry> findOne(String what, String sql, String... parameters) {
        return database.transaction(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setString(i + 1, parameters[i]);
                }
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(Rows.entry(r)) : Optional.<OutboxEntry>empty();
                }
            }
        });
    }

    /** Finished entries live in the table of finished entries only, so only its rows take a delivery status. */
    @Override
    public boolean recordDelivery(String id, DeliveryStatus status) {
        List<String> before = Arrays.stream(DeliveryStatus.values()).filter(status::movesOn).map(Enum::name).toList();
        String sql = "UPDATE " + tables.done() + " SET delivery = ? WHERE id = ? AND (delivery IS NULL"
                + (before.isEmpty() ? "" : " OR delivery IN (" + Rows.placeholders(before.size()) + ")") + ")";
        return database.transaction("record a delivery status", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, status.name());
                s.setString(i++, id);
                for (String earlier : before) {
                    s.setString(i++, earlier);
                }
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<OutboxEntry> list(Set<OutboxState> states, int limit) {
        if (states.isEmpty()) {
            return List.of();
        }
        String in = " WHERE state IN (" + Rows.placeholders(states.size()) + ")";
        String sql = "SELECT " + Rows.QUEUE_ENTRY + " FROM " + tables.queue() + in + " UNION ALL SELECT "
                + Rows.DONE_ENTRY + " FROM " + tables.done() + in + " ORDER BY enqueued_at, id LIMIT ?";
        return database.transaction("list messages", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                for (int table = 0; table < 2; table++) {
                    for (OutboxState state : states) {
                        s.setString(i++, state.name());
                    }
                }
                s.setInt(i, limit);
                List<OutboxEntry> entries = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.add(Rows.entry(r));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public Map<OutboxState, Long> counts() {
        return database.transaction("count messages", this::counts);
    }

    private Map<OutboxState, Long> counts(Connection c) throws SQLException {
        Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
        for (OutboxState state : OutboxState.values()) {
            counts.put(state, 0L);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT state, count(*) FROM " + tables.queue()
                + " GROUP BY state UNION ALL SELECT state, count(*) FROM " + tables.done() + " GROUP BY state");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.merge(OutboxState.valueOf(r.getString(1)), r.getLong(2), Long::sum);
            }
        }
        return counts;
    }

    @Override
    public OutboxStats stats(Instant now) {
        return database.transaction("read the outbox's figures", c -> {
            Optional<Instant> oldestDue;
            try (PreparedStatement s = c.prepareStatement("SELECT min(next_attempt_at) FROM " + tables.queue()
                    + " WHERE next_attempt_at <= ?")) {
                Rows.setTime(s, 1, now);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    oldestDue = Rows.time(r, 1);
                }
            }
            return new OutboxStats(now, counts(c), oldestDue, servers.paused(c), servers.held(c, now));
        });
    }

    @Override
    public Optional<Instant> nextDue() {
        return database.transaction("find the next due message", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT min(greatest(q.next_attempt_at, q.lease_until, "
                    + "s.held_until)) FROM " + tables.queue() + " q LEFT JOIN " + tables.servers() + " s ON "
                    + "s.server_key = coalesce(q.server_id, '') WHERE s.paused IS NOT TRUE");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return Rows.time(r, 1);
            }
        });
    }

    @Override
    public boolean requeue(String id, Instant now) {
        String sql = "WITH m AS (DELETE FROM " + tables.done() + " WHERE id = ? AND state = 'FAILED' AND message IS NOT "
                + "NULL RETURNING *) INSERT INTO " + tables.queue() + " (id, slot, server_id, channel, message_id, "
                + "state, enqueued_at, queued_since, attempts, next_attempt_at, failure_class, reason, recipients, "
                + "claim_gen, format_version, message) SELECT id, " + tables.currentSlot() + ", server_id, channel, "
                + "message_id, 'PENDING', enqueued_at, ?, attempts, ?, failure_class, reason, recipients, claim_gen, "
                + "format_version, message FROM m";
        return database.transaction("queue a failed message again", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, id);
                Rows.setTime(s, 2, now);
                Rows.setTime(s, 3, now);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int purge(Set<OutboxState> states, Set<String> ids) {
        List<OutboxState> waiting = states.stream().filter(s -> !s.isFinal()).toList();
        List<OutboxState> finished = states.stream().filter(OutboxState::isFinal).toList();
        return database.transaction("remove messages", c -> delete(c, tables.queue(), " AND lease_owner IS NULL",
                waiting, ids) + delete(c, tables.done(), "", finished, ids));
    }

    private static int delete(Connection c, String table, String condition, List<OutboxState> states,
            Set<String> ids) throws SQLException {
        if (states.isEmpty()) {
            return 0;
        }
        String sql = "DELETE FROM " + table + " WHERE state IN (" + Rows.placeholders(states.size()) + ")" + condition
                + (ids.isEmpty() ? "" : " AND id IN (" + Rows.placeholders(ids.size()) + ")");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (OutboxState state : states) {
                s.setString(i++, state.name());
            }
            for (String id : ids) {
                s.setString(i++, id);
            }
            return s.executeUpdate();
        }
    }

    @Override
    public void expire(Instant now) {
        database.transaction("drop expired messages", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + tables.done() + " WHERE keep_until <= ?")) {
                Rows.setTime(s, 1, now);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        database.visible("release this process's messages", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.queue()
                    + " SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?")) {
                s.setString(1, owner);
                return s.executeUpdate();
            }
        });
    }
}
