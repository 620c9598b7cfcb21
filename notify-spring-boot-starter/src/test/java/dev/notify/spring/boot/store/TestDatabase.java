package dev.notify.spring.boot.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The application's DataSource in tests: a fresh database of one embedded PostgreSQL per JVM (on a free loopback
 * port), counting the connections asked for, and able to refuse new ones and drop the open ones, as a database that
 * went down.
 */
final class TestDatabase implements DataSource {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private final PGSimpleDataSource target = new PGSimpleDataSource();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean down;

    private TestDatabase(String url) {
        target.setURL(url);
        target.setConnectTimeout(5);
    }

    /** A new, empty database. */
    static synchronized TestDatabase create() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // Ending: the server's directory is temporary.
                    }
                }));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
        String name = "starter_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name, e);
        }
        return new TestDatabase(server.getJdbcUrl("postgres", name));
    }

    /** How many connections were asked for. */
    int connectionsAsked() {
        return connections.get();
    }

    /** Refuses new connections and ends the open ones. */
    void goDown() throws SQLException {
        down = true;
        try (Connection c = target.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
    }

    /** Opens a connection even while down, for the test's own queries. */
    Connection direct() throws SQLException {
        return target.getConnection();
    }

    @Override
    public Connection getConnection() throws SQLException {
        connections.incrementAndGet();
        if (down) {
            throw new SQLException("connection refused (the test's database is down)", "08001");
        }
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("the test's DataSource takes no credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
