package dev.notify.internal;

import dev.notify.Scheduler;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A notifier's own scheduler, which its providers and the modules built on it share: waits with
 * {@link Thread#sleep} and schedules on one daemon thread, started on first use. After {@link #shutdown()} it
 * drops what is scheduled.
 */
final class DefaultScheduler implements Scheduler {

    private final String threadName;
    private ScheduledThreadPoolExecutor executor;
    private boolean shutdown;

    DefaultScheduler(String threadName) {
        this.threadName = threadName;
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledThreadPoolExecutor running = executor();
        if (running == null) {
            return () -> { };
        }
        ScheduledFuture<?> future;
        try {
            future = running.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
        return () -> future.cancel(false);
    }

    @Override
    public void sleep(Duration delay) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    }

    private synchronized ScheduledThreadPoolExecutor executor() {
        if (shutdown) {
            return null;
        }
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
        }
        return executor;
    }

    synchronized void shutdown() {
        shutdown = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
