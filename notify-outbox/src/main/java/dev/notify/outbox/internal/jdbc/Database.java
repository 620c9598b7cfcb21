package dev.notify.outbox.internal.jdbc;

import dev.notify.outbox.JournalException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Runs the JDBC journal's work in one transaction per call on a connection of the host's pool, and runs it again
 * when PostgreSQL aborted it for a conflict that passes on retry (serialization failure, deadlock: a row moved
 * between partitions by the ring while it was being changed). Threadsafe.
 *
 * <p>{@link #transaction} commits durably. {@link #visible} commits without waiting for the WAL flush
 * ({@code synchronous_commit = off} for that transaction): other sessions see the change at once, and a crash of
 * the database may lose it, but never after a later durable commit (WAL is flushed in order). For claims, lease
 * renewals and releases: losing one is a lease that ran out, while the outcome that follows is durable.
 */
final class Database {

    private static final int ATTEMPTS = 5;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final String table;
    private final String description;

    Database(DataSource dataSource, String table, String description) {
        this.dataSource = dataSource;
        this.table = table;
        this.description = description;
    }

    <T> T transaction(String what, Work<T> work) {
        return run(what, false, work);
    }

    <T> T visible(String what, Work<T> work) {
        return run(what, true, work);
    }

    private <T> T run(String what, boolean asynchronous, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(asynchronous, work);
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && passesOnRetry(e)) {
                    continue;
                }
                throw new JournalException("cannot " + what + " in the outbox table " + table + " (" + description
                        + "): " + e.getMessage(), e);
            }
        }
    }

    private <T> T once(boolean asynchronous, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                if (asynchronous) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET LOCAL synchronous_commit = off");
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                if (autoCommit) {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    static boolean passesOnRetry(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }
}
