package dev.notify;

import java.time.Duration;

/**
 * Where a notifier waits between attempts: a synchronous send waits in the caller's thread with
 * {@link #sleep(Duration)}, an asynchronous one is resumed by {@link #schedule(Runnable, Duration)} without
 * holding a thread. Set one with {@link NotifierBuilder#scheduler(Scheduler)} to control time in tests (the test
 * kit's {@code ManualScheduler}) or to share a host's executor.
 *
 * <p>Implementations must be threadsafe.
 */
public interface Scheduler {

    /**
     * Runs {@code task} once after {@code delay}, on a thread that may block briefly (the notifier hands the
     * attempt to its own pool).
     *
     * @return a handle that cancels the task if it has not started
     */
    Cancellable schedule(Runnable task, Duration delay);

    /**
     * Waits in the calling thread.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration delay) throws InterruptedException;

    /** A scheduled task that can still be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not started; has no effect otherwise. */
        void cancel();
    }
}
