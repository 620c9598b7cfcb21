package dev.notify.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Runs work on a number of threads that take message numbers from a shared counter. */
public final class Workers {

    /** Sends message {@code sequence} with the resources of thread {@code thread}. */
    @FunctionalInterface
    public interface Task {
        void send(int thread, int sequence) throws Exception;
    }

    private Workers() {
    }

    /** Runs {@code task} for 0..count-1 on {@code threads} threads; rethrows the first failure. */
    public static void run(int threads, int count, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < count) {
                    try {
                        task.send(thread, i);
                    } catch (Exception | Error e) {
                        failure.compareAndSet(null, e instanceof Exception ex ? ex : new RuntimeException(e));
                    }
                }
            }, "bench-" + t);
            worker.start();
            started.add(worker);
        }
        for (Thread worker : started) {
            worker.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
