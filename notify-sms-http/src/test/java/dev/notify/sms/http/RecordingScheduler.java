package dev.notify.sms.http;

import dev.notify.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scheduler that records each wait and does not wait, so retry delays can be asserted without sleeping. */
final class RecordingScheduler implements Scheduler {

    final List<Duration> waits = new CopyOnWriteArrayList<>();

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
}
