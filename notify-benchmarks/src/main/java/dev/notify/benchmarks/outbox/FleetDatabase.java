package dev.notify.benchmarks.outbox;

import dev.notify.outbox.JdbcJournal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The embedded PostgreSQL of the fleet benchmarks, durable as in production ({@code fsync=on},
 * {@code synchronous_commit=on}), its data directory on the disk under the work directory; a pool of connections
 * and an outbox table per run.
 */
final class FleetDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final DataSource pool;
    private int tables;

    FleetDatabase(Path directory) throws IOException {
        this.postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").setServerConfig("max_connections", "200")
                .setDataDirectory(directory).setCleanDataDirectory(true).start();
        this.pool = pool(url(), 40);
    }

    String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    DataSource pool() {
        return pool;
    }

    /** A pool of at most {@code size} connections to {@code url}. */
    @SuppressWarnings("deprecation")
    static DataSource pool(String url, int size) {
        org.postgresql.ds.PGPoolingDataSource pool = new org.postgresql.ds.PGPoolingDataSource();
        pool.setURL(url);
        pool.setMaxConnections(size);
        return pool;
    }

    /** Creates the tables of a new journal from the shipped DDL; returns their base name. */
    String newTable(String prefix) {
        String table = prefix + "_" + ++tables;
        execute(JdbcJournal.postgresqlDdl().replace("notify_outbox", table));
        return table;
    }

    void execute(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number that {@code sql} (one row, one column) gives. */
    long number(String sql) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
