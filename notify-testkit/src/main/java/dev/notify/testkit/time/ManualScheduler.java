package dev.notify.testkit.time;

import dev.notify.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Scheduler} and its {@link Clock} under a test's control. A synchronous send's wait returns at once and
 * moves the clock forward by the wait; an asynchronous send's next attempt runs when the test
 * {@linkplain #advance advances} the clock past it. Every wait asked for is recorded.
 *
 * <pre>{@code
 * ManualScheduler time = ManualScheduler.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
 * Notifier notifier = Notifier.builder().settings(settings).clock(time.clock()).scheduler(time).build();
 * notifier.global().sendEmail(message);          // fails twice with 451, then succeeds
 * assertThat(time.waits()).hasSize(2);            // the two backoff waits, no real time spent
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class ManualScheduler implements Scheduler {

    private final List<Duration> waits = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final ManualClock clock;
    private long sequence;

    private ManualScheduler(Instant start) {
        this.clock = new ManualClock(start);
    }

    /** A scheduler whose clock starts at {@code start}. */
    public static ManualScheduler startingAt(Instant start) {
        return new ManualScheduler(Objects.requireNonNull(start, "start"));
    }

    /** The clock to give the notifier ({@code NotifierBuilder.clock}); it moves only with this scheduler. */
    public Clock clock() {
        return clock;
    }

    /** Records the wait and moves the clock forward by it; returns at once. */
    @Override
    public void sleep(Duration delay) {
        synchronized (this) {
            waits.add(delay);
        }
        clock.advance(delay);
    }

    /** Records the wait; the task runs when {@link #advance} reaches it. */
    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        waits.add(delay);
        Task scheduled = new Task(clock.instant().plus(delay), sequence++, task);
        tasks.add(scheduled);
        notifyAll();
        return () -> {
            synchronized (this) {
                tasks.remove(scheduled);
            }
        };
    }

    /** Every wait asked for so far, synchronous and scheduled, in order. */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** The scheduled tasks not yet run. */
    public synchronized int pending() {
        return tasks.size();
    }

    /**
     * Waits (in real time, up to {@code timeout}) until at least {@code count} tasks are scheduled, for a test
     * whose asynchronous send is still making its attempt.
     *
     * @return whether they were
     */
    public synchronized boolean awaitPending(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tasks.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Moves the clock forward and runs, in the calling thread and in time order, every task that became due. */
    public void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due.isAfter(target))
                        .min(Comparator.comparing(Task::due).thenComparing(Task::sequence)).orElse(null);
                if (next != null) {
                    tasks.remove(next);
                }
            }
            if (next == null) {
                break;
            }
            clock.advanceTo(next.due);
            next.task.run();
        }
        clock.advanceTo(target);
    }

    @Override
    public synchronized String toString() {
        return "ManualScheduler[" + clock.instant() + ", " + tasks.size() + " pending, waits " + waits + "]";
    }

    private record Task(Instant due, long sequence, Runnable task) {
    }

    private static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        synchronized void advanceTo(Instant instant) {
            if (instant.isAfter(now)) {
                now = instant;
            }
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant(), zone);
        }
    }
}
