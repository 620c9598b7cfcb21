package dev.notify.outbox.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition that background delivery makes true; fails the test when it does not within the limit. */
public final class Eventually {

    private Eventually() {
    }

    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }
}
