package dev.notify.sample;

/** Runs in parallel with {@link ParallelIsolationSecondTest}; see {@link ParallelIsolationCheck}. */
class ParallelIsolationFirstTest extends ParallelIsolationCheck {

    ParallelIsolationFirstTest() {
        super("first");
    }
}
