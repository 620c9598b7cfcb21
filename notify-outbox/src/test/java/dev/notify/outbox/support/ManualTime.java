package dev.notify.outbox.support;

import dev.notify.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock and a scheduler that only move when a test says so: {@link #advance(Duration)} moves the clock and runs
 * the tasks that fell due. Threadsafe.
 */
public final class ManualTime extends Clock implements Scheduler {

    private record Task(Instant at, Runnable task) {
    }

    private Instant now = Instant.parse("2030-01-01T00:00:00Z");
    private final List<Task> tasks = new ArrayList<>();

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
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(now.plus(delay), task);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    @Override
    public void sleep(Duration delay) {
        advance(delay);
    }

    /** Moves the clock and runs every task due by then, in the calling thread. */
    public void advance(Duration delay) {
        List<Task> due = new ArrayList<>();
        synchronized (this) {
            now = now.plus(delay);
            for (Task t : List.copyOf(tasks)) {
                if (!t.at().isAfter(now)) {
                    tasks.remove(t);
                    due.add(t);
                }
            }
        }
        due.forEach(t -> t.task().run());
    }
}
