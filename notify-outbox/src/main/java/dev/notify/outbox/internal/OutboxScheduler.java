package dev.notify.outbox.internal;

import dev.notify.Scheduler;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The outbox's own scheduler when the host gives none: one daemon thread. */
final class OutboxScheduler implements Scheduler {

    private final ScheduledThreadPoolExecutor executor;

    OutboxScheduler(String threadName) {
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Future<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void sleep(Duration delay) throws InterruptedException {
        Thread.sleep(delay.toMillis());
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
