package dev.notify.store.internal;

import dev.notify.store.HistoryEntry;
import dev.notify.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * PostgreSQL tables as a store ({@code dev/notify/store/postgresql.sql}). A write is one transaction that locks the
 * version row ({@code FOR UPDATE}, under READ COMMITTED whatever the pool's default), rewrites the settings, adds
 * the history and sends {@code NOTIFY notify_settings}; PostgreSQL delivers the notification on commit.
 *
 * <p>With a check interval above zero, {@link #read()} returns the state a {@link ChangeWatcher} keeps current
 * (no query); with zero it queries on every call. Threadsafe: it holds no connection between calls, except the
 * watcher's own.
 */
public final class JdbcBackend implements StoreBackend {

    static final String CHANNEL = "notify_settings";

    private final DataSource dataSource;
    private final String description;
    private final boolean queryOnRead;
    private final ChangeWatcher watcher;
    private volatile StoredState cached;
    private volatile StoreUnavailableException failure;
    private volatile Runnable listener = () -> {
    };

    /**
     * Reads the store once and starts watching it.
     *
     * @param checkInterval how often the watcher checks the version when no notification came; zero also makes
     *                      every {@link #read()} a query
     * @throws StoreUnavailableException when the database cannot be reached
     */
    public JdbcBackend(DataSource dataSource, String description, Duration checkInterval, Duration maxBackoff) {
        this.dataSource = dataSource;
        this.description = description;
        this.queryOnRead = checkInterval.isZero();
        this.cached = load();
        Duration watchEvery = checkInterval.isZero() ? Duration.ofSeconds(1) : checkInterval;
        this.watcher = new ChangeWatcher(dataSource, CHANNEL, watchEvery, maxBackoff, description, this::watched);
    }

    /** Runs the DDL shipped with the store; every statement is idempotent. */
    public static void createTables(DataSource dataSource, String ddl, String description) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw unavailable(description, "tables cannot be created", e);
        }
    }

    /** What the watcher found: a version check's state, or the reason it could not check. */
    private void watched(StoredState state, StoreUnavailableException problem) {
        boolean changed = problem != null ? failure == null || !problem.getMessage().equals(failure.getMessage())
                : failure != null | advance(state);
        failure = problem;
        if (changed) {
            listener.run();
        }
    }

    /** Keeps the newest state; true when it moved. */
    private synchronized boolean advance(StoredState state) {
        if (state.version() <= cached.version()) {
            return false;
        }
        cached = state;
        return true;
    }

    @Override
    public StoredState read() {
        if (queryOnRead) {
            StoredState state = load();
            advance(state);
            return state;
        }
        StoreUnavailableException problem = failure;
        if (problem != null) {
            throw problem;
        }
        return cached;
    }

    /** The version and the settings as one statement sees them (one snapshot), or the cached state when unchanged. */
    private StoredState load() {
        try (Connection c = dataSource.getConnection()) {
            StoredState state = load(c, cached);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return state;
        } catch (SQLException e) {
            throw unavailable(description, "cannot be read", e);
        }
    }

    /** Reads in the connection's transaction, which it leaves open. */
    static StoredState load(Connection c, StoredState known) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (known != null) {
                try (ResultSet r = s.executeQuery("SELECT version FROM notify_settings_version WHERE id = 1")) {
                    if (r.next() && r.getLong(1) == known.version()) {
                        return known;
                    }
                }
            }
            long version = 0;
            Map<String, String> entries = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery("SELECT v.version, s.setting_key, s.value FROM notify_settings_version v "
                    + "LEFT JOIN notify_settings s ON true WHERE v.id = 1 ORDER BY s.position")) {
                while (r.next()) {
                    version = r.getLong(1);
                    if (r.getString(2) != null) {
                        entries.put(r.getString(2), r.getString(3));
                    }
                }
            }
            return StoredState.recorded(version, entries);
        }
    }

    @Override
    public StoredState write(Function<StoredState, Commit> update) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                StoredState written = write(c, update);
                c.commit();
                advance(written);
                return written;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw unavailable(description, "cannot be written", e);
        }
    }

    private StoredState write(Connection c, Function<StoredState, Commit> update) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT version FROM notify_settings_version WHERE id = 1 FOR UPDATE").close();
        }
        StoredState state = load(c, null);
        advance(state);
        Commit commit = update.apply(state);
        if (commit == null) {
            return state;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM notify_settings");
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO notify_settings (setting_key, position, value) VALUES (?, ?, ?)")) {
            int position = 0;
            for (Map.Entry<String, String> e : commit.entries().entrySet()) {
                s.setString(1, e.getKey());
                s.setInt(2, position++);
                s.setString(3, e.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
        insertRecords(c, commit.records());
        try (PreparedStatement s = c.prepareStatement("UPDATE notify_settings_version SET version = ? WHERE id = 1")) {
            s.setLong(1, commit.version());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, Long.toString(commit.version()));
            s.executeQuery().close();
        }
        return StoredState.recorded(commit.version(), commit.entries());
    }

    private static void insertRecords(Connection c, List<JournalRecord> records) throws SQLException {
        try (PreparedStatement h = c.prepareStatement("INSERT INTO notify_settings_history "
                + "(version, changed_at, author, comment, kind) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement k = c.prepareStatement("INSERT INTO notify_settings_change "
                        + "(version, position, setting_key, value_before, value_after, secret) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (JournalRecord record : records) {
                h.setLong(1, record.version());
                h.setObject(2, OffsetDateTime.ofInstant(record.time(), ZoneOffset.UTC));
                h.setString(3, record.author());
                h.setString(4, record.comment());
                h.setString(5, record.kind().name());
                h.addBatch();
                int position = 0;
                for (JournalRecord.Change change : record.changes()) {
                    k.setLong(1, record.version());
                    k.setInt(2, position++);
                    k.setString(3, change.key());
                    k.setString(4, change.before());
                    k.setString(5, change.after());
                    k.setBoolean(6, change.secret());
                    k.addBatch();
                }
            }
            h.executeBatch();
            k.executeBatch();
        }
    }

    @Override
    public List<JournalRecord> records(long afterVersion, int limit) {
        String sql = "SELECT h.version, h.changed_at, h.author, h.comment, h.kind, c.setting_key, c.value_before, "
                + "c.value_after, c.secret FROM notify_settings_history h "
                + "LEFT JOIN notify_settings_change c ON c.version = h.version "
                + "WHERE h.version > ? AND h.version IN (SELECT version FROM notify_settings_history WHERE version > ? "
                + "ORDER BY version LIMIT ?) ORDER BY h.version, c.position";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, afterVersion);
            s.setLong(2, afterVersion);
            s.setLong(3, limit);
            List<JournalRecord> records = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                RecordRows rows = null;
                while (r.next()) {
                    long version = r.getLong(1);
                    if (rows == null || rows.version != version) {
                        if (rows != null) {
                            records.add(rows.record());
                        }
                        rows = new RecordRows(version, r.getObject(2, OffsetDateTime.class), r.getString(3),
                                r.getString(4), HistoryEntry.Kind.valueOf(r.getString(5)));
                    }
                    if (r.getString(6) != null) {
                        rows.changes.add(new JournalRecord.Change(r.getString(6), r.getString(7), r.getString(8),
                                r.getBoolean(9)));
                    }
                }
                if (rows != null) {
                    records.add(rows.record());
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return records;
        } catch (SQLException e) {
            throw unavailable(description, "history cannot be read", e);
        }
    }

    /** The rows of one version while they are read. */
    private static final class RecordRows {
        final long version;
        final OffsetDateTime time;
        final String author;
        final String comment;
        final HistoryEntry.Kind kind;
        final List<JournalRecord.Change> changes = new ArrayList<>();

        RecordRows(long version, OffsetDateTime time, String author, String comment, HistoryEntry.Kind kind) {
            this.version = version;
            this.time = time;
            this.author = author;
            this.comment = comment;
            this.kind = kind;
        }

        JournalRecord record() {
            return new JournalRecord(version, time.toInstant(), author, comment, kind, changes);
        }
    }

    @Override
    public void onChange(Runnable listener) {
        this.listener = listener;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        watcher.close();
    }

    /** A message with the SQL state and the driver's words, which name no password. */
    static StoreUnavailableException unavailable(String description, String what, SQLException e) {
        return new StoreUnavailableException(description + " " + what + ": SQL state " + e.getSQLState() + ", "
                + e.getMessage(), e);
    }
}
