package dev.notify.outbox.support;

import dev.notify.outbox.JdbcJournal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server for the test JVM, started on first use on a free loopback port; a table per test. Commits
 * are durable, as in production ({@code fsync=on}, {@code synchronous_commit=on}; the embedded server turns both off).
 */
public final class Postgres {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static DataSource pool;

    private Postgres() {
    }

    public static synchronized DataSource dataSource() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // The JVM is ending; the server's directory is temporary.
                }
            }));
        }
        return server.getPostgresDatabase();
    }

    /** The JDBC URL of the server's {@code postgres} database, for child processes and the CLI. */
    public static String jdbcUrl() {
        dataSource();
        return server.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A pool of at most 10 connections to {@code url}: without one, every statement would start a PostgreSQL
     * backend process. The driver's own pool is deprecated for production use, not for tests.
     */
    @SuppressWarnings("deprecation")
    public static DataSource pooled(String url) {
        org.postgresql.ds.PGPoolingDataSource pool = new org.postgresql.ds.PGPoolingDataSource();
        pool.setURL(url);
        pool.setMaxConnections(10);
        return pool;
    }

    /** A pool of this JVM's server. */
    public static synchronized DataSource pooled() {
        if (pool == null) {
            pool = pooled(jdbcUrl());
        }
        return pool;
    }

    /** Creates a new outbox table from the shipped DDL and returns its name. */
    public static String newTable() {
        String table = "outbox_" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(JdbcJournal.postgresqlDdl().replace("notify_outbox", table));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + table, e);
        }
        return table;
    }
}
