package dev.notify.smtp.internal;

import dev.notify.DeliveryException;
import dev.notify.Scheduler;
import dev.notify.TransientDeliveryException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Open SMTP connections of one sender, at most {@code max} at a time. Sends take the most recently used idle
 * connection; one that sat idle longer than {@code validateAfterIdle} is checked with NOOP first, one idle longer
 * than {@code idleTimeout} is closed instead, also by a sweep on the notifier's {@link Scheduler} that is
 * scheduled while connections sit idle (no thread of the pool's own). Busy connections are never shared:
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
    private final Scheduler scheduler;
    private final String server;
    private final Semaphore permits;
    private final Deque<PooledConnection> idle = new ArrayDeque<>();
    private Scheduler.Cancellable sweep;
    private boolean closed;

    ConnectionPool(Supplier<NotifyTransport> connector, int max, Duration maxWait, Duration idleTimeout,
            Duration validateAfterIdle, LongSupplier nanoTime, Scheduler scheduler, String server) {
        this.connector = connector;
        this.max = max;
        this.maxWait = maxWait;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.validateAfterNanos = validateAfterIdle.toNanos();
        this.nanoTime = nanoTime;
        this.scheduler = scheduler;
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
                scheduleSweep();
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
        Scheduler.Cancellable pendingSweep;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            pendingSweep = sweep;
            sweep = null;
        }
        if (pendingSweep != null) {
            pendingSweep.cancel();
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

    /** Schedules a sweep unless one is scheduled; called holding the lock. */
    private void scheduleSweep() {
        if (sweep != null || closed || idle.isEmpty()) {
            return;
        }
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(100), idleTimeoutNanos / 2);
        sweep = scheduler.schedule(this::sweep, Duration.ofNanos(period));
    }

    /** Closes the connections idle longer than {@code idleTimeout}; schedules the next sweep while any stay idle. */
    private void sweep() {
        List<PooledConnection> expired = new ArrayList<>();
        synchronized (this) {
            sweep = null;
            long now = nanoTime.getAsLong();
            idle.removeIf(c -> {
                boolean old = c.idleNanos(now) >= idleTimeoutNanos;
                if (old) {
                    expired.add(c);
                }
                return old;
            });
            scheduleSweep();
        }
        expired.forEach(PooledConnection::close);
    }
}
