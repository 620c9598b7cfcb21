package dev.notify.testkit.smtp;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Pause} that lets the server go on only when the test says so, once {@link #arm() armed}; until then it
 * does not wait at all. Threadsafe.
 */
final class SteppedPause implements Pause {

    private final Semaphore paused = new Semaphore(0);
    private final Semaphore resumed = new Semaphore(0);
    private volatile boolean armed;

    /** From now on each pause waits for {@link #resume()}. */
    void arm() {
        armed = true;
    }

    @Override
    public void pause(Duration duration) throws InterruptedException {
        if (armed) {
            paused.release();
            resumed.acquire();
        }
    }

    /** Waits until the server pauses, then lets it go on. */
    void resume() throws InterruptedException {
        if (!paused.tryAcquire(SmtpDialogue.HANG.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not pause within " + SmtpDialogue.HANG);
        }
        resumed.release();
    }
}
