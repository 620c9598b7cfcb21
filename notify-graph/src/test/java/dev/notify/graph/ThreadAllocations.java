package dev.notify.graph;

import java.lang.management.ManagementFactory;

/**
 * Bytes the calling thread allocated (garbage included) while something ran on it, as HotSpot counts them
 * ({@code com.sun.management.ThreadMXBean}): a sender's own allocation, told apart from any other thread's.
 */
final class ThreadAllocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long before = THREADS.getCurrentThreadAllocatedBytes();

    private ThreadAllocations() {
    }

    static ThreadAllocations start() {
        return new ThreadAllocations();
    }

    /** What the calling thread allocated since {@link #start()}. */
    long bytes() {
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
