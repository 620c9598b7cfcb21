package dev.notify.outbox.internal.jdbc;

import dev.notify.outbox.spi.Journal.RateLimit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every process sharing a JDBC journal obeys per server, kept in the servers table: a pause, a hold until a
 * time (a relay that asked to slow down, a spent budget), and the rate budget. Messages per minute are spaced: a
 * message may go at {@code now} when the one before went at least 60 s / limit earlier, so no 60 seconds ever hold
 * more than the limit, and a long burst drains at the limit's pace. Recipients per day are counted per minute in
 * the sent table over the last 24 hours (plus the current minute, to be safe). The server's row is locked while its
 * budget is taken, so processes take it one after the other. Threadsafe.
 */
final class Servers {

    private static final Duration DAY = Duration.ofDays(1);

    private final Database database;
    private final Tables tables;

    Servers(Database database, Tables tables) {
        this.database = database;
        this.tables = tables;
    }

    /** The condition that a queue row's server ({@code alias}) is neither paused nor held at the first parameter. */
    String open(String alias) {
        return "NOT EXISTS (SELECT 1 FROM " + tables.servers() + " s WHERE s.server_key = coalesce(" + alias
                + ".server_id, '') AND (s.paused OR s.held_until > ?))";
    }

    void pause(String server, boolean paused) {
        database.transaction(paused ? "pause a server" : "resume a server", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.servers() + " (server_key, paused) "
                    + "VALUES (?, ?) ON CONFLICT (server_key) DO UPDATE SET paused = excluded.paused")) {
                s.setString(1, server);
                s.setBoolean(2, paused);
                return s.executeUpdate();
            }
        });
    }

    void slowDown(String server, Instant until) {
        database.transaction("slow a server down", c -> {
            hold(c, server, until);
            return null;
        });
    }

    private void hold(Connection c, String server, Instant until) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.servers() + " AS t (server_key, "
                + "held_until) VALUES (?, ?) ON CONFLICT (server_key) DO UPDATE SET held_until = "
                + "greatest(t.held_until, excluded.held_until)")) {
            s.setString(1, server);
            Rows.setTime(s, 2, until);
            s.executeUpdate();
        }
    }

    Optional<Instant> takeBudget(String server, int recipients, Instant now, RateLimit limit) {
        if (!limit.isLimited()) {
            return Optional.empty();
        }
        return database.transaction("take from a server's rate budget", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.servers() + " (server_key) "
                    + "VALUES (?) ON CONFLICT DO NOTHING")) {
                s.setString(1, server);
                s.executeUpdate();
            }
            Optional<Instant> nextSend;
            try (PreparedStatement s = c.prepareStatement("SELECT next_send_at FROM " + tables.servers()
                    + " WHERE server_key = ? FOR UPDATE")) {
                s.setString(1, server);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    nextSend = Rows.time(r, 1);
                }
            }
            Optional<Instant> wait = Optional.empty();
            if (limit.messagesPerMinute() > 0 && nextSend.isPresent() && nextSend.get().isAfter(now)) {
                wait = nextSend;
            }
            if (wait.isEmpty() && limit.recipientsPerDay() > 0) {
                wait = dayFull(c, server, recipients, now, limit.recipientsPerDay());
            }
            if (wait.isPresent()) {
                hold(c, server, wait.get());
                return wait;
            }
            if (limit.messagesPerMinute() > 0) {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.servers() + " SET next_send_at = ? "
                        + "WHERE server_key = ?")) {
                    Rows.setTime(s, 1, now.plusNanos(Duration.ofMinutes(1).toNanos() / limit.messagesPerMinute()));
                    s.setString(2, server);
                    s.executeUpdate();
                }
            }
            if (limit.recipientsPerDay() > 0) {
                count(c, server, recipients, now);
            }
            return Optional.<Instant>empty();
        });
    }

    /** When the day's budget has room for {@code recipients} more, if it has none now. */
    private Optional<Instant> dayFull(Connection c, String server, int recipients, Instant now, int perDay)
            throws SQLException {
        List<Instant> minutes = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        long sum = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT minute, recipients FROM " + tables.sent()
                + " WHERE server_key = ? AND minute > ? ORDER BY minute")) {
            s.setString(1, server);
            Rows.setTime(s, 2, now.minus(DAY).minus(Duration.ofMinutes(1)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    minutes.add(Rows.time(r, 1).orElseThrow());
                    counts.add(r.getInt(2));
                    sum += r.getInt(2);
                }
            }
        }
        if (sum == 0 || sum + recipients <= perDay) {
            return Optional.empty();
        }
        for (int i = 0; i < minutes.size(); i++) {
            sum -= counts.get(i);
            if (sum == 0 || sum + recipients <= perDay) {
                return Optional.of(minutes.get(i).plus(DAY).plus(Duration.ofMinutes(1)));
            }
        }
        throw new IllegalStateException("unreachable: the last minute empties the day");
    }

    private void count(Connection c, String server, int recipients, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tables.sent() + " AS t (server_key, minute, "
                + "recipients) VALUES (?, ?, ?) ON CONFLICT (server_key, minute) DO UPDATE SET recipients = "
                + "t.recipients + excluded.recipients")) {
            s.setString(1, server);
            Rows.setTime(s, 2, now.truncatedTo(ChronoUnit.MINUTES));
            s.setInt(3, recipients);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + tables.sent() + " WHERE server_key = ? AND "
                + "minute <= ?")) {
            s.setString(1, server);
            Rows.setTime(s, 2, now.minus(DAY).minus(Duration.ofMinutes(2)));
            s.executeUpdate();
        }
    }

    Set<String> paused(Connection c) throws SQLException {
        Set<String> paused = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT server_key FROM " + tables.servers() + " WHERE paused");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                paused.add(r.getString(1));
            }
        }
        return paused;
    }

    Map<String, Instant> held(Connection c, Instant now) throws SQLException {
        Map<String, Instant> held = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT server_key, held_until FROM " + tables.servers()
                + " WHERE held_until > ?")) {
            Rows.setTime(s, 1, now);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    held.put(r.getString(1), Rows.time(r, 2).orElseThrow());
                }
            }
        }
        return held;
    }
}
