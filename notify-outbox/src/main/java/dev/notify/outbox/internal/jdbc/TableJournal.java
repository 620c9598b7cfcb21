package dev.notify.outbox.internal.jdbc;

import dev.notify.Channel;
import dev.notify.FailureClass;
import dev.notify.outbox.JournalException;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.internal.EntryCodec;
import dev.notify.outbox.spi.Journal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The JDBC journal: one row per entry in one table, every change its own committed statement. Due rows are
 * claimed with a lease ({@code lease_owner}, {@code lease_until}) under {@code FOR UPDATE SKIP LOCKED}, so
 * several processes share the table without taking the same row; a row whose lease ran out (its holder crashed)
 * is claimed again by whoever polls next. An update counts only while its process still holds the lease.
 *
 * <p>This class is threadsafe: it holds no connection between calls.
 */
public final class TableJournal implements Journal {

    private static final String COLUMNS = "id, server_id, channel, message_id, state, enqueued_at, queued_since, "
            + "attempts, next_attempt_at, failure_class, reason, recipients, finished_at, keep_until";
    private static final String WAITING = "state IN ('PENDING', 'RETRYING')";

    private final DataSource dataSource;
    private final String table;
    private final String owner;
    private final Duration lease;
    private final String description;

    public TableJournal(DataSource dataSource, String table, String owner, Duration lease, String description) {
        this.dataSource = dataSource;
        this.table = table;
        this.owner = owner;
        this.lease = lease;
        this.description = description;
    }

    @Override
    public void append(OutboxEntry e, byte[] message) {
        String sql = "INSERT INTO " + table + " (" + COLUMNS + ", format_version, message) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        run("store a message", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = bindEntry(s, e);
                s.setInt(i++, EntryCodec.VERSION);
                s.setBytes(i, message);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static int bindEntry(PreparedStatement s, OutboxEntry e) throws SQLException {
        s.setString(1, e.id());
        s.setString(2, e.serverId().orElse(null));
        s.setString(3, e.channel().name());
        s.setString(4, e.messageId());
        return bindState(s, 5, e);
    }

    /** Binds state through keep_until, starting at {@code i}; returns the next index. */
    private static int bindState(PreparedStatement s, int i, OutboxEntry e) throws SQLException {
        s.setString(i++, e.state().name());
        setTime(s, i++, Optional.of(e.enqueuedAt()));
        setTime(s, i++, Optional.of(e.queuedSince()));
        s.setInt(i++, e.attempts());
        setTime(s, i++, e.nextAttemptAt());
        s.setString(i++, e.failureClass().map(Enum::name).orElse(null));
        s.setString(i++, e.reason().orElse(null));
        s.setBytes(i++, EntryCodec.encodeRecipients(e.accepted(), e.rejected()));
        setTime(s, i++, e.finishedAt());
        setTime(s, i++, e.keepUntil());
        return i;
    }

    @Override
    public List<Claim> claimDue(Instant now, int max) {
        String sql = "UPDATE " + table + " SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT id FROM " + table
                + " WHERE " + WAITING + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)"
                + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS + ", message";
        return run("claim due messages", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, owner);
                setTime(s, 2, Optional.of(now.plus(lease)));
                setTime(s, 3, Optional.of(now));
                setTime(s, 4, Optional.of(now));
                s.setInt(5, max);
                List<Claim> claims = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        claims.add(new Claim(entry(r), r.getBytes("message")));
                    }
                }
                return claims;
            }
        });
    }

    @Override
    public boolean update(OutboxEntry e, byte[] message) {
        boolean dropContent = e.state() == OutboxState.ACCEPTED || e.state() == OutboxState.PARTIALLY_ACCEPTED;
        String sql = "UPDATE " + table + " SET state = ?, enqueued_at = ?, queued_since = ?, attempts = ?, "
                + "next_attempt_at = ?, failure_class = ?, reason = ?, recipients = ?, finished_at = ?, keep_until = ?, "
                + "lease_owner = NULL, lease_until = NULL"
                + (message != null || dropContent ? ", message = ?" : "") + " WHERE id = ? AND lease_owner = ?";
        return run("store the outcome of an attempt", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = bindState(s, 1, e);
                if (message != null || dropContent) {
                    s.setBytes(i++, dropContent ? null : message);
                }
                s.setString(i++, e.id());
                s.setString(i, owner);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(String id) {
        run("release a message", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table
                    + " SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")) {
                s.setString(1, id);
                s.setString(2, owner);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
        return run("read a message", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(entry(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<OutboxEntry> list(Set<OutboxState> states, int limit) {
        if (states.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE state IN (" + placeholders(states.size())
                + ") ORDER BY enqueued_at, id LIMIT ?";
        return run("list messages", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                for (OutboxState state : states) {
                    s.setString(i++, state.name());
                }
                s.setInt(i, limit);
                List<OutboxEntry> entries = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        entries.add(entry(r));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public Map<OutboxState, Long> counts() {
        return run("count messages", c -> {
            Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
            for (OutboxState state : OutboxState.values()) {
                counts.put(state, 0L);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT state, count(*) FROM " + table + " GROUP BY state");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(OutboxState.valueOf(r.getString(1)), r.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public Optional<Instant> nextDue() {
        return run("find the next due message", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT min(CASE WHEN lease_until IS NULL "
                    + "THEN next_attempt_at ELSE greatest(next_attempt_at, lease_until) END) FROM " + table
                    + " WHERE " + WAITING); ResultSet r = s.executeQuery()) {
                r.next();
                return Optional.ofNullable(r.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
            }
        });
    }

    @Override
    public boolean requeue(String id, Instant now) {
        return run("queue a failed message again", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET state = 'PENDING', "
                    + "next_attempt_at = ?, queued_since = ?, finished_at = NULL, keep_until = NULL "
                    + "WHERE id = ? AND state = 'FAILED' AND message IS NOT NULL")) {
                setTime(s, 1, Optional.of(now));
                setTime(s, 2, Optional.of(now));
                s.setString(3, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int purge(Set<OutboxState> states, Set<String> ids) {
        if (states.isEmpty()) {
            return 0;
        }
        String sql = "DELETE FROM " + table + " WHERE lease_owner IS NULL AND state IN (" + placeholders(states.size())
                + ")" + (ids.isEmpty() ? "" : " AND id IN (" + placeholders(ids.size()) + ")");
        return run("remove messages", c -> {
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
        });
    }

    @Override
    public void expire(Instant now) {
        run("drop expired messages", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE keep_until <= ?")) {
                setTime(s, 1, Optional.of(now));
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
        run("release this process's messages", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table
                    + " SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?")) {
                s.setString(1, owner);
                return s.executeUpdate();
            }
        });
    }

    private static OutboxEntry entry(ResultSet r) throws SQLException {
        EntryCodec.Recipients recipients = EntryCodec.decodeRecipients(r.getBytes("recipients"));
        return new OutboxEntry(r.getString("id"), Optional.ofNullable(r.getString("server_id")),
                Channel.valueOf(r.getString("channel")), r.getString("message_id"),
                OutboxState.valueOf(r.getString("state")), time(r, "enqueued_at").orElseThrow(),
                time(r, "queued_since").orElseThrow(), r.getInt("attempts"), time(r, "next_attempt_at"),
                Optional.ofNullable(r.getString("failure_class")).map(FailureClass::valueOf),
                Optional.ofNullable(r.getString("reason")), recipients.accepted(), recipients.rejected(),
                time(r, "finished_at"), time(r, "keep_until"));
    }

    private static Optional<Instant> time(ResultSet r, String column) throws SQLException {
        return Optional.ofNullable(r.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static void setTime(PreparedStatement s, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            s.setObject(index, value.get().atOffset(ZoneOffset.UTC));
        } else {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    private static String placeholders(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "?").collect(Collectors.joining(", "));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            return work.run(c);
        } catch (SQLException e) {
            throw new JournalException("cannot " + what + " in the outbox table " + table + " (" + description + "): "
                    + e.getMessage(), e);
        }
    }
}
