package dev.notify.outbox.internal.jdbc;

import dev.notify.outbox.internal.RateBudget;
import dev.notify.outbox.spi.Journal.RateLimit;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every process sharing a JDBC journal obeys per server, kept in the servers table: a pause, a hold until a
 * time (a relay that asked to slow down, a spent budget), and the {@link RateBudget}, whose state the server's row
 * holds ({@code pace_at}, {@code day_from}, {@code day_recipients}: a few hundred integers at most). The row is locked
 * while its budget is read, taken and written back in one transaction, so processes take it one after the other.
 * Threadsafe.
 */
final class Servers {

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
            RateBudget budget;
            try (PreparedStatement s = c.prepareStatement("SELECT pace_at, day_from, day_recipients FROM "
                    + tables.servers() + " WHERE server_key = ? FOR UPDATE")) {
                s.setString(1, server);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    Array day = r.getArray(3);
                    budget = RateBudget.of(Rows.time(r, 1), Rows.time(r, 2).orElse(Instant.EPOCH),
                            day == null ? new int[0] : counts(day));
                }
            }
            RateBudget.Decision decision = budget.take(recipients, now, limit);
            if (decision.fitsAt().isPresent()) {
                hold(c, server, decision.fitsAt().get());
                return decision.fitsAt();
            }
            RateBudget taken = decision.budget();
            try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.servers() + " SET pace_at = ?, "
                    + "day_from = ?, day_recipients = ? WHERE server_key = ?")) {
                Rows.setTime(s, 1, taken.paceAt());
                Rows.setTime(s, 2, taken.dayFrom());
                s.setArray(3, c.createArrayOf("integer", Arrays.stream(taken.dayRecipients()).boxed().toArray()));
                s.setString(4, server);
                s.executeUpdate();
            }
            return Optional.<Instant>empty();
        });
    }

    private static int[] counts(Array day) throws SQLException {
        Object[] counts = (Object[]) day.getArray();
        int[] ints = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            ints[i] = counts[i] == null ? 0 : ((Number) counts[i]).intValue();
        }
        return ints;
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
