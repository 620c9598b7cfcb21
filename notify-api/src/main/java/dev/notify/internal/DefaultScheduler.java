package dev.notify.internal;

import dev.notify.Scheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Waits with {@link Thread#sleep} and schedules on one daemon thread, started on first use. */
final class DefaultScheduler implements Scheduler {

    private final String threadName;
    private ScheduledThreadPoolExecutor executor;

    DefaultScheduler(String threadName) {
        this.threadName = threadName;
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> future = executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void sleep(Duration delay) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    }

    private synchronized ScheduledThreadPoolExecutor executor() {
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
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
