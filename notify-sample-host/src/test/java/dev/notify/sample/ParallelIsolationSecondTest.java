package dev.notify.sample;

/** Runs in parallel with {@link ParallelIsolationFirstTest}; see {@link ParallelIsolationCheck}. */
class ParallelIsolationSecondTest extends ParallelIsolationCheck {

    ParallelIsolationSecondTest() {
        super("second");
    }
}
