package dev.notify.graph;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures how much the live heap grows while something runs: a thread that collects garbage and reads the heap in use
 * every few milliseconds, against a baseline taken the same way before. Garbage is not counted, only what is held.
 */
final class HeapSampler {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private final long baseline;
    private volatile long max;
    private volatile int samples;

    private HeapSampler() {
        baseline = live();
        thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
    }

    static HeapSampler start() {
        HeapSampler sampler = new HeapSampler();
        sampler.thread.start();
        return sampler;
    }

    void stop() throws InterruptedException {
        stop.countDown();
        thread.join();
    }

    long growthBytes() {
        return Math.max(0, max - baseline);
    }

    long baselineBytes() {
        return baseline;
    }

    int samples() {
        return samples;
    }

    private void sample() {
        try {
            do {
                long now = live();
                max = Math.max(max, now);
                samples++;
            } while (!stop.await(20, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long live() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
