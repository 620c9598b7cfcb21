package dev.notify.outbox.internal.jdbc;

import dev.notify.outbox.JournalException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs the JDBC journal's work in one transaction per call on a connection of the host's pool, and runs it again
 * when PostgreSQL aborted it for a conflict that passes on retry (serialization failure, deadlock: a row moved
 * between partitions by the ring while it was being changed). Threadsafe.
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
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && passesOnRetry(e)) {
                    continue;
                }
                throw new JournalException("cannot " + what + " in the outbox table " + table + " (" + description
                        + "): " + e.getMessage(), e);
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
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
