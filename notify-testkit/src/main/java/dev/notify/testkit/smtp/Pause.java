package dev.notify.testkit.smtp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How the test kit's own server waits where a fault delays it: by sleeping, or as a test of the server says. */
@FunctionalInterface
interface Pause {

    /** Sleeps for the duration. */
    Pause SLEEP = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    void pause(Duration duration) throws InterruptedException;
}
