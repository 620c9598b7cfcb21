package dev.notify.sample;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where {@link ParallelIsolationFirstTest} and {@link ParallelIsolationSecondTest} wait for each other, so their
 * sends overlap. The one piece of static state in these tests, on purpose: it is how two test classes meet.
 * Running one of the two classes alone fails, because the other never arrives.
 */
final class ParallelRendezvous {

    private static final CyclicBarrier BOTH = new CyclicBarrier(2);

    private ParallelRendezvous() {
    }

    static void awaitTheOtherClass(String phase) {
        try {
            BOTH.await(20, TimeUnit.SECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            throw new AssertionError("The other parallel isolation test class did not reach '" + phase
                    + "' within 20 s: both classes must run, in parallel (src/test/resources/junit-platform.properties)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted at " + phase, e);
        }
    }
}
