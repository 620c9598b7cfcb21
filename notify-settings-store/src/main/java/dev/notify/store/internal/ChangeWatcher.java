package dev.notify.store.internal;

import dev.notify.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that keeps a JDBC store's state current: on a connection of its own it listens for the store's
 * notifications and checks the version on each one, and at least once per check interval in case one was missed.
 * When the connection fails it reports the problem, then reconnects with a back-off that doubles from 100 ms up to
 * the check interval. Threadsafe.
 */
final class ChangeWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);
    private static final long FIRST_BACKOFF_NANOS = Duration.ofMillis(100).toNanos();
    /** How long one wait for a notification lasts at most, so that {@link #close()} is noticed soon. */
    private static final long WAIT_SLICE_MILLIS = 200;

    /** Told the state after each check, or why there was none. */
    interface Sink {
        void found(StoredState state, StoreUnavailableException problem);
    }

    private final javax.sql.DataSource dataSource;
    private final String channel;
    private final long intervalNanos;
    private final long maxBackoffNanos;
    private final String description;
    private final Sink sink;
    private final Thread thread;
    private volatile boolean closed;

    ChangeWatcher(javax.sql.DataSource dataSource, String channel, Duration interval, Duration maxBackoff,
            String description, Sink sink) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.intervalNanos = interval.toNanos();
        this.maxBackoffNanos = Math.max(FIRST_BACKOFF_NANOS, maxBackoff.toNanos());
        this.description = description;
        this.sink = sink;
        this.thread = new Thread(this::run, "notify-settings-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        long backoff = FIRST_BACKOFF_NANOS;
        StoredState known = null;
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                Notifications notifications = Notifications.listen(c, channel);
                try {
                    backoff = FIRST_BACKOFF_NANOS;
                    while (!closed) {
                        known = JdbcBackend.load(c, known);
                        sink.found(known, null);
                        awaitNotification(notifications);
                    }
                } finally {
                    notifications.stop();
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                sink.found(null, JdbcBackend.unavailable(description, "cannot be reached", e));
                LOG.debug("Settings store {}: watching again in {} ms", description, backoff / 1_000_000);
                if (!pause(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, maxBackoffNanos);
            } catch (RuntimeException e) {
                LOG.warn("Settings store {}: the watcher failed; starting again", description, e);
                if (!pause(maxBackoffNanos)) {
                    return;
                }
            }
        }
    }

    /** Returns on a notification, after the check interval, or soon after {@link #close()}. */
    private void awaitNotification(Notifications notifications) throws SQLException {
        long deadline = System.nanoTime() + intervalNanos;
        for (long left = intervalNanos; left > 0 && !closed; left = deadline - System.nanoTime()) {
            if (notifications.await(Math.max(1, Math.min(WAIT_SLICE_MILLIS, left / 1_000_000)))) {
                return;
            }
        }
    }

    private boolean pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops the thread; it closes its connection within a fraction of a second. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /** How the thread learns of a notification: the PostgreSQL driver's, or a sleep when it is not there. */
    interface Notifications {

        /** Waits up to {@code millis}; true when a notification came. */
        boolean await(long millis) throws SQLException;

        void stop() throws SQLException;

        static Notifications listen(Connection c, String channel) throws SQLException {
            try {
                Notifications pg = PgNotifications.listen(c, channel);
                if (pg != null) {
                    return pg;
                }
            } catch (NoClassDefFoundError e) {
                // No PostgreSQL driver on the class path: the periodic check alone.
            }
            return new Notifications() {
                @Override
                public boolean await(long millis) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return false;
                }

                @Override
                public void stop() {
                }
            };
        }
    }
}
