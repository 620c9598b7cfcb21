package dev.notify.outbox.internal;

import dev.notify.outbox.spi.Journal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Group commit in front of any journal: the outcomes that workers record at the same time go to the journal as one
 * {@link Journal#update(List)} (one fsync, one transaction). The first worker to arrive while no batch is being
 * stored stores everything queued, its own included; the others wait for it and then, if theirs was not in that
 * batch, one of them stores the next. No thread of its own. Threadsafe.
 */
final class Recorder {

    private static final class Pending {
        final Journal.Update update;
        final CompletableFuture<Boolean> stored = new CompletableFuture<>();

        Pending(Journal.Update update) {
            this.update = update;
        }
    }

    private final Journal journal;
    private List<Pending> queue = new ArrayList<>();
    private boolean storing;

    Recorder(Journal journal) {
        this.journal = journal;
    }

    /**
     * Stores {@code update} together with those queued beside it; returns whether its claim was still held.
     *
     * @throws dev.notify.outbox.JournalException when its batch could not be stored
     */
    boolean record(Journal.Update update) {
        Pending mine = new Pending(update);
        synchronized (this) {
            queue.add(mine);
        }
        boolean interrupted = false;
        while (!mine.stored.isDone()) {
            List<Pending> batch;
            synchronized (this) {
                if (mine.stored.isDone()) {
                    break;
                }
                if (storing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                    continue;
                }
                storing = true;
                batch = queue;
                queue = new ArrayList<>();
            }
            store(batch);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            return mine.stored.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
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
        } finally {
            synchronized (this) {
                storing = false;
                notifyAll();
            }
        }
    }
}
