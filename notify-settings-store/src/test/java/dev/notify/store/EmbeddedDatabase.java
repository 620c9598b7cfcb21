package dev.notify.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL on a free loopback port for store tests, with durable commits as in production, and a fresh
 * database per test. One that is given a directory and a port can be stopped and started again on the same data.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedDatabase shared;

    private final Path directory;
    private final int port;
    private EmbeddedPostgres server;

    private EmbeddedDatabase(Path directory, int port) {
        this.directory = directory;
        this.port = port;
        start();
    }

    /** The server of this JVM's tests, started on first use and stopped when the JVM ends. */
    static synchronized EmbeddedDatabase shared() {
        if (shared == null) {
            shared = new EmbeddedDatabase(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A server on {@code directory} and {@code port} that {@link #stop()} and {@link #start()} keep. */
    static EmbeddedDatabase on(Path directory, int port) {
        return new EmbeddedDatabase(directory, port);
    }

    synchronized void start() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (directory != null) {
                builder.setDataDirectory(directory).setCleanDataDirectory(false).setPort(port);
            }
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        }
    }

    synchronized int port() {
        return server.getPort();
    }

    /** Creates an empty database and returns its JDBC URL. */
    synchronized String newDatabase() {
        String name = "store_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name, e);
        }
        return url(name);
    }

    synchronized String url(String database) {
        return server.getJdbcUrl("postgres", database);
    }

    /** A new connection per call: a store holds one for its watcher, and nothing here must wait for a pool. */
    static DataSource dataSource(String url) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setConnectTimeout(5);
        return dataSource;
    }

    /**
     * A pool of at most 30 connections to {@code url}, enough for the stores of one test (each holds one for its
     * watcher): without one every statement would start a PostgreSQL backend. Deprecated for production only.
     */
    @SuppressWarnings("deprecation")
    static org.postgresql.ds.PGPoolingDataSource pooled(String url) {
        org.postgresql.ds.PGPoolingDataSource pool = new org.postgresql.ds.PGPoolingDataSource();
        pool.setDataSourceName(url);
        pool.setURL(url);
        pool.setMaxConnections(30);
        return pool;
    }

    @Override
    public synchronized void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Ending: the server's directory is temporary.
        }
    }
}
