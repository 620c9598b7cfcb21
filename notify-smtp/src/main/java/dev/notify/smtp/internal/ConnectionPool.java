package dev.notify.smtp.internal;

import dev.notify.DeliveryException;
import dev.notify.TransientDeliveryException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Open SMTP connections of one sender, at most {@code max} at a time. Sends take the most recently used idle
 * connection; one that sat idle longer than {@code validateAfterIdle} is checked with NOOP first, one idle longer
 * than {@code idleTimeout} is closed instead (also by a background sweep). Busy connections are never shared:
 * Angus's transport is synchronized, so concurrency comes from several connections. A send waits for a free
 * connection no longer than {@code maxWait}.
 *
 * <p>This class is threadsafe.
 */
final class ConnectionPool implements AutoCloseable {

    private final Supplier<NotifyTransport> connector;
    private final int max;
    private final Duration maxWait;
    private final long idleTimeoutNanos;
    private final long validateAfterNanos;
    private final LongSupplier nanoTime;
    private final String server;
    private final Semaphore permits;
    private final Deque<PooledConnection> idle = new ArrayDeque<>();
    private ScheduledExecutorService sweeper;
    private boolean closed;

    ConnectionPool(Supplier<NotifyTransport> connector, int max, Duration maxWait, Duration idleTimeout,
            Duration validateAfterIdle, LongSupplier nanoTime, String server) {
        this.connector = connector;
        this.max = max;
        this.maxWait = maxWait;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.validateAfterNanos = validateAfterIdle.toNanos();
        this.nanoTime = nanoTime;
        this.server = server;
        this.permits = new Semaphore(max, true);
    }

    /**
     * A connection for one send: an idle one when there is a good one, else a new one.
     *
     * @throws TransientDeliveryException when all connections stay busy for {@code maxWait}, or connecting fails
     * @throws dev.notify.SettingsException when the server refuses the settings (authentication, TLS)
     */
    PooledConnection acquire() {
        try {
            if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TransientDeliveryException("all " + max + " connections to " + server
                        + " stayed busy for " + maxWait.toMillis() + " ms (email.smtp.pool.max-connections)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientDeliveryException("interrupted while waiting for a connection to " + server,
                    DeliveryException.Details.of(), e);
        }
        try {
            PooledConnection reusable = takeIdle();
            return reusable != null ? reusable : open();
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** A new connection instead of one that failed; the caller keeps its permit. */
    PooledConnection reopen(PooledConnection failed) {
        failed.close();
        return open();
    }

    /** Returns a connection: kept when {@code reusable} and the pool is open, else closed. */
    void release(PooledConnection connection, boolean reusable) {
        boolean keep;
        synchronized (this) {
            keep = reusable && !closed;
            if (keep) {
                idle.push(connection.idleFrom(nanoTime.getAsLong()));
                startSweeper();
            }
        }
        if (!keep) {
            connection.close();
        }
        permits.release();
    }

    /** Closes every idle connection now and every busy one when it is released. Idempotent. */
    @Override
    public void close() {
        List<PooledConnection> toClose;
        ScheduledExecutorService stop;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            stop = sweeper;
            sweeper = null;
        }
        if (stop != null) {
            stop.shutdownNow();
        }
        toClose.forEach(PooledConnection::close);
    }

    private PooledConnection takeIdle() {
        while (true) {
            PooledConnection candidate;
            synchronized (this) {
                if (closed) {
                    throw new dev.notify.SendRejectedException("the SMTP sender for " + server + " is closed");
                }
                candidate = idle.poll();
            }
            if (candidate == null) {
                return null;
            }
            long idleNanos = candidate.idleNanos(nanoTime.getAsLong());
            if (idleNanos >= idleTimeoutNanos) {
                candidate.close();
            } else if (idleNanos >= validateAfterNanos && !candidate.transport().isConnected()) {
                candidate.close();
            } else {
                return candidate;
            }
        }
    }

    private PooledConnection open() {
        return new PooledConnection(connector.get(), false, nanoTime.getAsLong());
    }

    private void startSweeper() {
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notify-smtp-pool-" + server);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(100), idleTimeoutNanos / 2);
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        List<PooledConnection> expired = new ArrayList<>();
        synchronized (this) {
            long now = nanoTime.getAsLong();
            idle.removeIf(c -> {
                boolean old = c.idleNanos(now) >= idleTimeoutNanos;
                if (old) {
                    expired.add(c);
                }
                return old;
            });
        }
        expired.forEach(PooledConnection::close);
    }
}
