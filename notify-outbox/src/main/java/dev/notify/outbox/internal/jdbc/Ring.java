package dev.notify.outbox.internal.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the queue's ring: once per interval (by the database's clock, whichever process comes first) the next slot
 * becomes the one new rows go to, and the slot after it, which took new rows until the turn before, is emptied:
 * its rows still waiting are copied into the new slot, and the slot is TRUNCATEd. TRUNCATE drops every row
 * version of the slot at once, the dead ones included, which VACUUM could not remove while a transaction elsewhere
 * holds back the horizon; so dead tuples in the queue stay bounded by what about {@link Tables#SLOTS} intervals of
 * traffic leave. The slot is locked first (ACCESS EXCLUSIVE, waiting at most the lock timeout), so no change to its
 * rows is in flight while they are copied; when the lock cannot be had (a long transaction that read the queue
 * holds it), the turn is left for the next interval. Threadsafe.
 */
final class Ring {

    private static final String LOCK_TIMEOUT = "500ms";

    private final Database database;
    private final Tables tables;
    private final Duration interval;
    private final String copyColumns;
    private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());

    Ring(Database database, Tables tables, Duration interval) {
        this.database = database;
        this.tables = tables;
        this.interval = interval;
        this.copyColumns = "id, server_id, channel, message_id, state, enqueued_at, queued_since, attempts, "
                + "next_attempt_at, failure_class, reason, recipients, lease_owner, lease_until, claim_gen, "
                + "format_version, message";
    }

    /** Turns the ring when this process has not checked for a while and the interval has passed. */
    void turnWhenDue() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due < 0 || !nextCheck.compareAndSet(due, now + interval.toNanos() / 2)) {
            return;
        }
        turn();
    }

    /** Turns the ring if the interval has passed since the last turn; returns whether this call turned it. */
    boolean turn() {
        return database.transaction("turn the queue's ring", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            }
            int slot;
            try (PreparedStatement s = c.prepareStatement("UPDATE " + tables.ring() + " SET slot = (slot + 1) % "
                    + Tables.SLOTS + ", rotated_at = clock_timestamp() WHERE rotated_at <= clock_timestamp() - "
                    + "make_interval(secs => ?) RETURNING slot")) {
                s.setDouble(1, interval.toMillis() / 1000.0);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return false;
                    }
                    slot = r.getInt(1);
                }
            }
            String emptied = tables.slot((slot + 1) % Tables.SLOTS);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE " + emptied + " IN ACCESS EXCLUSIVE MODE");
                s.executeUpdate("INSERT INTO " + tables.queue() + " (slot, " + copyColumns + ") SELECT " + slot + ", "
                        + copyColumns + " FROM " + emptied);
                s.execute("TRUNCATE " + emptied);
            } catch (java.sql.SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    c.rollback();
                    return false;
                }
                throw e;
            }
            return true;
        });
    }
}
