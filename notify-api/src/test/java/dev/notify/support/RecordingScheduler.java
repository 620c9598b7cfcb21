package dev.notify.support;

import dev.notify.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scheduler for notify-api's own tests (the test kit's ManualScheduler would be a build cycle): records each
 * wait and returns at once; scheduled tasks run at once on the calling thread.
 */
public final class RecordingScheduler implements Scheduler {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        waits.add(delay);
        task.run();
        return () -> { };
    }

    @Override
    public void sleep(Duration delay) {
        waits.add(delay);
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
