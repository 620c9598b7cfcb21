package dev.notify.outbox.internal.file;

import static dev.notify.outbox.internal.file.JournalDirectory.reason;

import dev.notify.outbox.JournalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's one writer thread (group commit): it takes all the writes waiting, appends them with one write and
 * one fsync, then applies them to the index under its lock and answers their callers. A write that fails is cut
 * off again and its segment is left for a new one, so a failed write never leaves a half record before acknowledged
 * ones. After each batch it runs the journal's housekeeping (compaction). Segments hold at most the configured
 * size, the space written ahead included, unless one record is larger.
 */
final class GroupCommitWriter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long STRAGGLER_WAIT_NANOS = 200_000;
    /**
     * Zeros written ahead of the records (at most up to the segment size), so that an append overwrites allocated
     * space: its fsync then writes data only, not the file's new size as well (which costs a file system commit).
     */
    private static final int WRITE_AHEAD = 1024 * 1024;

    /** Applies a durable record to the index, under the index's lock; gets the record's segment and offset. */
    @FunctionalInterface
    interface Apply {
        boolean apply(long segment, long offset);
    }

    /** Records to append together, and the answer to their caller once they are durable and applied. */
    static final class Write {
        final byte[] record;
        final Apply apply;
        final int records;
        final CompletableFuture<Boolean> done = new CompletableFuture<>();

        Write(byte[] record, Apply apply) {
            this(record, apply, 1);
        }

        private Write(byte[] record, Apply apply, int records) {
            this.record = record;
            this.apply = apply;
            this.records = records;
        }

        /**
         * One write of several records, so that they share one fsync whatever else is waiting; {@code applied}
         * gets what each one's {@link Apply} returned.
         */
        static Write of(List<byte[]> records, List<Apply> applies, boolean[] applied) {
            int length = records.stream().mapToInt(r -> r.length).sum();
            ByteBuffer all = ByteBuffer.allocate(length);
            records.forEach(all::put);
            return new Write(all.array(), (segment, offset) -> {
                long at = offset;
                for (int i = 0; i < records.size(); i++) {
                    applied[i] = applies.get(i).apply(segment, at);
                    at += records.get(i).length;
                }
                return true;
            }, records.size());
        }
    }

    private static final Write STOP = new Write(null, null);

    private final JournalDirectory directory;
    private final long segmentSize;
    private final JournalIndex index;
    private final LinkedBlockingQueue<Write> writes = new LinkedBlockingQueue<>();
    private final Thread thread;
    private Runnable housekeeping = () -> { };
    private Segment active;
    private boolean activeBroken;
    private long nextNumber;
    private volatile boolean closed;

    GroupCommitWriter(JournalDirectory directory, long segmentSize, JournalIndex index, long nextNumber) {
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.index = index;
        this.nextNumber = nextNumber;
        this.thread = new Thread(this::run, "notify-outbox-journal-writer");
        this.thread.setDaemon(true);
    }

    void start(Runnable afterEachBatch) {
        this.housekeeping = afterEachBatch;
        thread.start();
        wake();
    }

    /** Whether {@code segment} is the one appended to: housekeeping leaves it alone. */
    boolean isActive(Segment segment) {
        return segment == active;
    }

    /** Appends {@code record}, waits until it is durable and applied, and returns what applying it returned. */
    boolean write(byte[] record, Apply apply) {
        Write w = new Write(record, apply);
        submit(w);
        return await(w);
    }

    void submit(Write w) {
        if (closed) {
            throw new JournalException("the outbox journal " + directory + " is closed", null);
        }
        writes.add(w);
    }

    /** Lets the writer run its housekeeping without a record. */
    void wake() {
        if (!closed) {
            writes.add(new Write(null, null));
        }
    }

    static boolean await(Write w) {
        try {
            return w.done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JournalException j) {
                throw new JournalException(j.getMessage(), j.getCause());
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while waiting for the outbox journal; the write may or may "
                    + "not be durable", e);
        }
    }

    void stop() {
        if (closed) {
            return;
        }
        closed = true;
        writes.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Write> batch = new ArrayList<>();
        int lastBatch = 1;
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(writes.take());
            } catch (InterruptedException e) {
                break;
            }
            writes.drainTo(batch, 4095);
            gatherStragglers(batch, lastBatch);
            lastBatch = batch.size();
            List<Write> records = new ArrayList<>(batch.size());
            for (Write w : batch) {
                if (w == STOP) {
                    stop = true;
                } else if (w.record == null) {
                    w.done.complete(true);
                } else {
                    records.add(w);
                }
            }
            batch.clear();
            if (!records.isEmpty()) {
                appendDurably(records);
            }
            housekeeping.run();
        }
        for (Write w = writes.poll(); w != null; w = writes.poll()) {
            if (w != STOP) {
                w.done.completeExceptionally(new JournalException("the outbox journal " + directory + " is closed", null));
            }
        }
    }

    /**
     * Group commit's patience: when the previous batch had more writers than this one has, the others are most
     * likely preparing their next record; wait for them once, briefly ({@link #STRAGGLER_WAIT_NANOS}), so that
     * they share this fsync instead of waiting for the next. A single writer never waits.
     */
    private void gatherStragglers(List<Write> batch, int previous) {
        if (batch.size() < previous) {
            LockSupport.parkNanos(STRAGGLER_WAIT_NANOS);
            writes.drainTo(batch, 4095);
        }
    }

    /**
     * Appends the records with one write and one fsync, then applies them; or fails them all, leaving nothing.
     * Runs on the writer thread only.
     */
    void appendDurably(List<Write> records) {
        long bytes = records.stream().mapToLong(w -> w.record.length).sum();
        Segment segment = null;
        long start = 0;
        try {
            segment = writable(bytes);
            start = segment.size;
            allocate(segment, start + bytes);
            long position = start;
            for (Write w : records) {
                ByteBuffer buffer = ByteBuffer.wrap(w.record);
                while (buffer.hasRemaining()) {
                    position += segment.channel.write(buffer, position);
                }
            }
            segment.channel.force(false);
            synchronized (index) {
                segment.size = position;
                long offset = start;
                for (Write w : records) {
                    segment.records += w.records;
                    boolean applied = w.apply.apply(segment.number, offset);
                    offset += w.record.length;
                    w.done.complete(applied);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (segment != null) {
                undo(segment, start);
            }
            JournalException failure = new JournalException("cannot write to the outbox journal " + directory + ": "
                    + reason(e) + "; nothing of this write was stored", e);
            records.forEach(w -> w.done.completeExceptionally(failure));
        }
    }

    /** Writes zeros ahead of the records when {@code end} is past them; the next fsync makes them durable. */
    private void allocate(Segment segment, long end) throws IOException {
        if (end <= segment.allocated) {
            return;
        }
        long ahead = Math.max(end, Math.min(segment.allocated + WRITE_AHEAD, segmentSize));
        try {
            fill(segment, ahead);
        } catch (IOException e) {
            segment.channel.truncate(segment.allocated);
            fill(segment, end);
        }
    }

    /** Zeros from the allocated end to {@code target}: with a nearly full disk, only what a write needs fits. */
    private static void fill(Segment segment, long target) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        long position = segment.allocated;
        while (position < target) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), target - position));
            while (zeros.hasRemaining()) {
                position += segment.channel.write(zeros, position);
            }
        }
        segment.allocated = target;
    }

    private void undo(Segment segment, long start) {
        activeBroken = true;
        try {
            segment.channel.truncate(start);
            segment.allocated = start;
            segment.channel.force(false);
        } catch (IOException e) {
            LOG.warn("Outbox journal {}: could not cut off a failed write ({}); recovery will skip it", segment.path,
                    reason(e));
        }
    }

    private Segment writable(long bytes) throws IOException {
        if (active != null && !activeBroken
                && (active.size + bytes <= segmentSize || active.size == Segment.HEADER_SIZE)) {
            return active;
        }
        long number = nextNumber++;
        Path path = directory.path.resolve(Segment.fileName(number));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            ByteBuffer header = Segment.header();
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            channel.force(true);
            directory.sync();
        } catch (IOException e) {
            JournalDirectory.closeQuietly(channel);
            Files.deleteIfExists(path);
            throw e;
        }
        Segment segment = new Segment(number, path, channel, Segment.HEADER_SIZE);
        synchronized (index) {
            index.segments.put(number, segment);
        }
        active = segment;
        activeBroken = false;
        return segment;
    }
}
