package dev.notify.outbox.internal;

import dev.notify.outbox.JournalException;
import dev.notify.outbox.spi.Journal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit in front of any journal: the outcomes that workers record while a batch is being stored go to the
 * journal together as the next {@link Journal#update(List)} (one fsync, one transaction). Threads of its own, one
 * per worker, store the batches, so that a journal storing a batch entry by entry still commits in parallel; each
 * worker waits for its own outcomes only, so a stored batch wakes just its workers. Threadsafe.
 */
final class Recorder {

    private static final class Pending {
        final Journal.Update update;
        final CompletableFuture<Boolean> stored = new CompletableFuture<>();

        Pending(Journal.Update update) {
            this.update = update;
        }
    }

    private static final Pending STOP = new Pending(null);

    private final Journal journal;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    Recorder(Journal journal, String threadName, int threadCount) {
        this.journal = journal;
        for (int i = 1; i <= threadCount; i++) {
            Thread thread = new Thread(this::run, threadName + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Stores {@code updates} with the others queued beside them; returns, for each, whether its claim was still
     * held. Waits for the answer also when interrupted (the interrupt is kept), so that an outcome is never reported
     * as lost while it is being stored.
     *
     * @throws JournalException when their batch could not be stored, or the recorder is closed
     */
    List<Boolean> record(List<Journal.Update> updates) {
        if (closed) {
            throw closedException();
        }
        List<Pending> mine = new ArrayList<>(updates.size());
        for (Journal.Update update : updates) {
            mine.add(new Pending(update));
        }
        queue.addAll(mine);
        List<Boolean> stored = new ArrayList<>(mine.size());
        boolean interrupted = false;
        try {
            for (Pending pending : mine) {
                while (true) {
                    try {
                        stored.add(pending.stored.get(1, TimeUnit.SECONDS));
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (TimeoutException e) {
                        if (threads.stream().noneMatch(Thread::isAlive)) {
                            pending.stored.completeExceptionally(closedException());
                        }
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                }
            }
            return stored;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private JournalException closedException() {
        return new JournalException("the outbox is closed; the outcome was not journalled (" + journal.describe() + ")",
                null);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch);
            stop = batch.remove(STOP);
            if (stop) {
                batch.removeIf(p -> p == STOP);
                queue.add(STOP);
            }
            if (!batch.isEmpty()) {
                store(batch);
            }
            batch.clear();
        }
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            if (p == STOP) {
                queue.add(STOP);
                break;
            }
            p.stored.completeExceptionally(closedException());
        }
    }

    private void store(List<Pending> batch) {
        try {
            List<Boolean> stored = journal.update(batch.stream().map(p -> p.update).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stored.complete(stored.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.stored.completeExceptionally(e));
        }
    }

    /** Stores what is queued, then stops; later outcomes fail. Waits up to 10 seconds for the threads. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
