package dev.notify.store;

import dev.notify.store.internal.JdbcBackend;
import dev.notify.store.internal.StoreEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link SettingsStore} in PostgreSQL (9.5+), for a fleet of servers sharing one database: the tables of
 * {@link #postgresqlDdl()}, reached through the host's {@link DataSource} (a connection pool).
 *
 * <pre>{@code
 * SettingsStore store = JdbcSettingsStore.builder(dataSource)
 *         .options(StoreOptions.builder().keys(EncryptionKeys.fromEnvironment("NOTIFY_KEYS")).build())
 *         .build();
 * Notifier notifier = Notifier.builder().settings(store).build();
 * }</pre>
 *
 * <p>Each change set is one transaction that locks the version row, so changes from any number of processes are
 * serial, and a crash leaves the old version or the new one. Its commit sends {@code NOTIFY notify_settings}; every
 * store listens on a connection of its own (one connection of the pool for the store's lifetime) and swaps the
 * settings in force when the version moves. A missed notification or a dropped connection is covered by a version
 * check every {@linkplain StoreOptions.Builder#checkInterval check interval} on that connection, which reconnects
 * by itself with a back-off doubling from 100 ms up to the check interval. {@link SettingsStore#current()} never queries (with
 * a check interval of zero it queries on every call, for tests).
 *
 * <p>While the database is down, sends go on with the settings last read, {@link SettingsStore#status()} is
 * {@link StoreStatus.State#UNAVAILABLE} and listeners are told; reads and changes fail with
 * {@link StoreUnavailableException}. The {@code LISTEN} needs the PostgreSQL JDBC driver
 * ({@code org.postgresql:postgresql}) on the class path; without it (another driver behind the pool), the store
 * learns of changes by the periodic check alone. Relative {@code ${file:PATH}} references are resolved against the
 * working directory. Write the tables only through a store (or the {@code notify} command): a row changed by hand
 * is neither noticed nor recorded in the history until the next change. This class is threadsafe.
 */
public final class JdbcSettingsStore {

    private static final String DDL = "postgresql.sql";

    private JdbcSettingsStore() {
    }

    /** A store in {@code dataSource}'s database. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * The PostgreSQL DDL of the store's tables ({@code CREATE TABLE IF NOT EXISTS}), as shipped in
     * {@code dev/notify/store/postgresql.sql}: for the host's migrations.
     */
    public static String postgresqlDdl() {
        try (InputStream in = JdbcSettingsStore.class.getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IllegalStateException(DDL + " is missing from notify-settings-store's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options of a JDBC store. This class is not threadsafe. */
    public static final class Builder {
        private final DataSource dataSource;
        private StoreOptions options = StoreOptions.defaults();
        private boolean createTables = true;
        private String description = "PostgreSQL settings store";

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Schema, keys, clock, check interval and environment (default {@link StoreOptions#defaults()}). */
        public Builder options(StoreOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Whether {@link #build()} runs {@link #postgresqlDdl()} (default true). Turn it off when the host's
         * migrations create the tables or the application's database user may not.
         */
        public Builder createTables(boolean create) {
            this.createTables = create;
            return this;
        }

        /** How the store names its database in messages and status; never put a password here. */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * Creates the tables when asked to, reads the settings and starts listening for changes.
         *
         * @throws StoreUnavailableException when the database cannot be reached
         */
        public SettingsStore build() {
            if (createTables) {
                JdbcBackend.createTables(dataSource, postgresqlDdl(), description);
            }
            Duration interval = options.checkInterval();
            JdbcBackend backend = new JdbcBackend(dataSource, description, interval, interval);
            return new StoreEngine(backend, options, Path.of("").toAbsolutePath());
        }
    }
}
