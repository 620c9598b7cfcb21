package dev.notify.outbox.internal.file;

import dev.notify.outbox.JournalException;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.internal.CorruptRecordException;
import dev.notify.outbox.internal.EntryCodec;
import dev.notify.outbox.spi.Journal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file journal. Entries live in memory as an index (state, and where the latest record and the content are);
 * contents stay on disk and are read when an entry is claimed. One writer thread appends every change: it takes
 * all the writes waiting, appends them with one write and one fsync (group commit), then applies them to the
 * index and answers their callers. A write that fails is cut off again and its segment is left for a new one,
 * so a failed write never leaves a half record before acknowledged ones.
 *
 * <p>Recovery reads the segments in order, the last record of an entry winning; a record whose checksum or length
 * does not hold (a write torn by a crash) ends its segment. Compaction deletes the oldest segments no entry
 * needs, after copying forward the few live entries of a mostly dead one; segments are only ever deleted oldest
 * first, so a removal record never outlives the record it removes.
 *
 * <p>The directory is locked ({@code journal.lock}) by one process at a time; a read-only journal takes no lock
 * and sees the state as of its opening. This class is threadsafe.
 */
public final class SegmentedJournal implements Journal {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentedJournal.class);
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{12})\\.log");
    private static final Write STOP = new Write(null, null);
    private static final long STRAGGLER_WAIT_NANOS = 200_000;
    /**
     * Zeros written ahead of the records, so that an append overwrites allocated space: its fsync then writes data
     * only, not the file's new size as well (which costs a file system journal commit).
     */
    private static final int WRITE_AHEAD = 1024 * 1024;

    /** An index entry: the entry, where its latest record and content are, and whether it is being delivered. */
    private static final class Slot {
        OutboxEntry entry;
        long metaSegment;
        long messageSegment = -1;
        long messageOffset;
        int messageLength;
        boolean claimed;

        Slot(OutboxEntry entry) {
            this.entry = entry;
        }
    }

    private record Due(Instant at, String id) implements Comparable<Due> {
        private static final Comparator<Due> ORDER = Comparator.comparing(Due::at).thenComparing(Due::id);

        @Override
        public int compareTo(Due other) {
            return ORDER.compare(this, other);
        }
    }

    /** Applies a durable record to the index, under the index's lock; gets the record's segment and offset. */
    @FunctionalInterface
    private interface Apply {
        boolean apply(long segment, long offset);
    }

    private static final class Write {
        final byte[] record;
        final Apply apply;
        final CompletableFuture<Boolean> done = new CompletableFuture<>();

        Write(byte[] record, Apply apply) {
            this.record = record;
            this.apply = apply;
        }
    }

    private final Path directory;
    private final long segmentSize;
    private final boolean readOnly;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final Map<String, Slot> slots = new HashMap<>();
    private final TreeSet<Due> due = new TreeSet<>();
    private final LinkedBlockingQueue<Write> writes = new LinkedBlockingQueue<>();
    private final Thread writer;
    private Segment active;
    private boolean activeBroken;
    private long nextNumber = 1;
    private volatile boolean closed;

    private SegmentedJournal(Path directory, long segmentSize, boolean readOnly, FileChannel lockChannel,
            FileLock lock) {
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.readOnly = readOnly;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writer = readOnly ? null : new Thread(this::runWriter, "notify-outbox-journal-writer");
    }

    /**
     * Opens (creating it when needed) and recovers the journal in {@code directory}.
     *
     * @throws JournalException when the directory cannot be created or written, is locked by another process, or
     *     holds a journal of a newer format
     */
    public static SegmentedJournal open(Path directory, long segmentSize, boolean readOnly) {
        Path dir = directory.toAbsolutePath().normalize();
        FileChannel lockChannel = null;
        FileLock lock = null;
        if (!readOnly) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new JournalException("cannot create the outbox journal directory " + dir + ": " + reason(e), e);
            }
            try {
                lockChannel = FileChannel.open(dir.resolve("journal.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            } catch (IOException e) {
                closeQuietly(lockChannel);
                throw new JournalException("the outbox journal directory " + dir + " is not writable: " + reason(e), e);
            }
            if (lock == null) {
                closeQuietly(lockChannel);
                throw new JournalException("the outbox journal " + dir + " is in use by another process or outbox; "
                        + "one outbox at a time owns a journal directory", null);
            }
        } else if (!Files.isDirectory(dir)) {
            throw new JournalException("there is no outbox journal in " + dir, null);
        }
        SegmentedJournal journal = new SegmentedJournal(dir, segmentSize, readOnly, lockChannel, lock);
        try {
            journal.recover();
        } catch (RuntimeException e) {
            journal.closeFiles();
            throw e;
        }
        if (!readOnly) {
            journal.writer.setDaemon(true);
            journal.writer.start();
            journal.writes.add(new Write(null, null));
        }
        return journal;
    }

    // ---- recovery ----

    private void recover() {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> SEGMENT.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new JournalException("cannot read the outbox journal directory " + directory + ": " + reason(e), e);
        }
        for (Path file : files) {
            Matcher m = SEGMENT.matcher(file.getFileName().toString());
            m.matches();
            long number = Long.parseLong(m.group(1));
            nextNumber = Math.max(nextNumber, number + 1);
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new JournalException("cannot read the outbox journal segment " + file + ": " + reason(e), e);
            }
            Segment segment = new Segment(number, file, channel, 0);
            segments.put(number, segment);
            try {
                replay(segment);
            } catch (IOException e) {
                throw new JournalException("cannot read the outbox journal segment " + file + ": " + reason(e), e);
            }
        }
        LOG.debug("Outbox journal {}: {} entries in {} segments", directory, slots.size(), segments.size());
    }

    private void replay(Segment segment) throws IOException {
        long size = segment.channel.size();
        if (size < Segment.HEADER_SIZE) {
            LOG.warn("Outbox journal segment {} has no complete header (a write cut short); it holds no record",
                    segment.path);
            return;
        }
        ByteBuffer header = ByteBuffer.wrap(segment.read(0, Segment.HEADER_SIZE));
        byte[] magic = new byte[Segment.MAGIC.length];
        header.get(magic);
        int version = header.getInt();
        if (!java.util.Arrays.equals(magic, Segment.MAGIC)) {
            throw new JournalException(segment.path + " is not an outbox journal segment", null);
        }
        if (version > Segment.FORMAT_VERSION) {
            throw new JournalException(segment.path + " has format version " + version + ", written by a newer "
                    + "notify; this one reads versions 1 to " + Segment.FORMAT_VERSION, null);
        }
        long position = Segment.HEADER_SIZE;
        while (position + Records.FRAME <= size) {
            ByteBuffer frame = ByteBuffer.wrap(segment.read(position, Records.FRAME));
            int length = frame.getInt();
            int checksum = frame.getInt();
            if (length < 1 || length > Records.MAX_BODY || position + Records.FRAME + length > size) {
                break;
            }
            byte[] body = segment.read(position + Records.FRAME, length);
            if (Records.checksum(body, 0, length) != checksum) {
                if (isLast(segment, position + Records.FRAME + length, size)) {
                    break;
                }
                LOG.error("Outbox journal segment {}: the record at offset {} fails its checksum and is skipped",
                        segment.path, position);
            } else {
                apply(segment, position, body);
            }
            segment.records++;
            position += Records.FRAME + length;
        }
        segment.size = position;
        segment.allocated = size;
        if (position < size && !zeros(segment, position, size)) {
            LOG.warn("Outbox journal segment {}: {} bytes after offset {} are an incomplete record (a write cut "
                    + "short by a crash) and are ignored", segment.path, size - position, position);
        }
    }

    /** Whether nothing but zeros (space written ahead) follows {@code next}. */
    private static boolean isLast(Segment segment, long next, long size) throws IOException {
        return next + Records.FRAME > size || ByteBuffer.wrap(segment.read(next, Records.FRAME)).getInt() == 0;
    }

    private static boolean zeros(Segment segment, long from, long size) throws IOException {
        for (long p = from; p < size; p += 65536) {
            for (byte b : segment.read(p, (int) Math.min(65536, size - p))) {
                if (b != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private void apply(Segment segment, long position, byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        byte type = b.get();
        if (type == Records.REMOVED) {
            byte[] id = new byte[b.getInt()];
            b.get(id);
            remove(new String(id, StandardCharsets.UTF_8));
            return;
        }
        if (type != Records.ENTRY) {
            throw new JournalException(segment.path + " holds a record of type " + type + " at offset " + position
                    + ", written by a newer notify", null);
        }
        byte[] encoded = new byte[b.getInt()];
        b.get(encoded);
        OutboxEntry entry;
        try {
            entry = EntryCodec.decode(encoded);
        } catch (CorruptRecordException e) {
            throw new JournalException(segment.path + ": the record at offset " + position + " holds " + e.getMessage(), e);
        }
        Slot previous = slots.get(entry.id());
        Slot slot = new Slot(entry);
        slot.metaSegment = segment.number;
        if (b.get() == 1) {
            slot.messageSegment = segment.number;
            slot.messageOffset = position + Records.messageOffset(encoded.length);
            slot.messageLength = b.getInt();
        } else if (previous != null) {
            slot.messageSegment = previous.messageSegment;
            slot.messageOffset = previous.messageOffset;
            slot.messageLength = previous.messageLength;
        }
        put(slot);
    }

    // ---- the index; every method below runs under the lock of this journal ----

    private void put(Slot slot) {
        remove(slot.entry.id());
        if (slot.entry.state() == OutboxState.ACCEPTED || slot.entry.state() == OutboxState.PARTIALLY_ACCEPTED) {
            slot.messageSegment = -1;
        }
        slots.put(slot.entry.id(), slot);
        ref(slot.metaSegment, 1);
        ref(slot.messageSegment, 1);
        if (!slot.entry.state().isFinal() && !slot.claimed) {
            due.add(new Due(slot.entry.nextAttemptAt().orElseThrow(), slot.entry.id()));
        }
    }

    private Slot remove(String id) {
        Slot slot = slots.remove(id);
        if (slot != null) {
            ref(slot.metaSegment, -1);
            ref(slot.messageSegment, -1);
            slot.entry.nextAttemptAt().ifPresent(at -> due.remove(new Due(at, id)));
        }
        return slot;
    }

    private void ref(long segment, int delta) {
        Segment s = segments.get(segment);
        if (s != null) {
            s.refs += delta;
        }
    }

    // ---- the Journal ----

    @Override
    public void append(OutboxEntry entry, byte[] message) {
        if (message.length > Records.MAX_BODY - 64 * 1024) {
            throw new JournalException("the message is " + message.length + " bytes; the file journal takes messages "
                    + "of up to " + (Records.MAX_BODY - 64 * 1024) + " bytes; nothing was queued", null);
        }
        byte[] encoded = EntryCodec.encode(entry);
        byte[] record = Records.entry(encoded, message);
        synchronized (this) {
            if (slots.containsKey(entry.id())) {
                throw new IllegalArgumentException("the journal already has an entry " + entry.id());
            }
        }
        write(record, (segment, offset) -> {
            Slot slot = new Slot(entry);
            slot.metaSegment = segment;
            slot.messageSegment = segment;
            slot.messageOffset = offset + Records.messageOffset(encoded.length);
            slot.messageLength = message.length;
            put(slot);
            return true;
        });
    }

    @Override
    public List<Claim> claimDue(Instant now, int max) {
        List<Claim> claims = new ArrayList<>();
        synchronized (this) {
            while (claims.size() < max && !due.isEmpty() && !due.first().at().isAfter(now)) {
                Due next = due.pollFirst();
                Slot slot = slots.get(next.id());
                slot.claimed = true;
                try {
                    claims.add(new Claim(slot.entry, content(slot)));
                } catch (IOException e) {
                    slot.claimed = false;
                    due.add(next);
                    throw new JournalException("cannot read a message from the outbox journal " + directory + ": "
                            + reason(e), e);
                }
            }
        }
        return claims;
    }

    private byte[] content(Slot slot) throws IOException {
        Segment segment = segments.get(slot.messageSegment);
        if (segment == null) {
            throw new NoSuchFileException("the segment of entry " + slot.entry.id());
        }
        return segment.read(slot.messageOffset, slot.messageLength);
    }

    @Override
    public boolean update(OutboxEntry entry, byte[] message) {
        synchronized (this) {
            Slot current = slots.get(entry.id());
            if (current == null || !current.claimed) {
                return false;
            }
        }
        byte[] encoded = EntryCodec.encode(entry);
        try {
            return write(Records.entry(encoded, message), (segment, offset) -> {
                Slot current = slots.get(entry.id());
                if (current == null || !current.claimed) {
                    return false;
                }
                put(successor(current, entry, segment, message == null ? -1 : offset + Records.messageOffset(encoded.length),
                        message));
                return true;
            });
        } catch (JournalException e) {
            release(entry.id());
            throw e;
        }
    }

    /** The slot of {@code entry}'s new record; its content is the new one when given, else the current one. */
    private static Slot successor(Slot current, OutboxEntry entry, long segment, long messageOffset, byte[] message) {
        Slot slot = new Slot(entry);
        slot.metaSegment = segment;
        if (message != null) {
            slot.messageSegment = segment;
            slot.messageOffset = messageOffset;
            slot.messageLength = message.length;
        } else {
            slot.messageSegment = current.messageSegment;
            slot.messageOffset = current.messageOffset;
            slot.messageLength = current.messageLength;
        }
        return slot;
    }

    @Override
    public synchronized void release(String id) {
        Slot slot = slots.get(id);
        if (slot != null && slot.claimed) {
            slot.claimed = false;
            slot.entry.nextAttemptAt().ifPresent(at -> due.add(new Due(at, id)));
        }
    }

    @Override
    public synchronized Optional<OutboxEntry> find(String id) {
        return Optional.ofNullable(slots.get(id)).map(s -> s.entry);
    }

    @Override
    public synchronized List<OutboxEntry> list(Set<OutboxState> states, int limit) {
        return slots.values().stream().map(s -> s.entry).filter(e -> states.contains(e.state()))
                .sorted(Comparator.comparing(OutboxEntry::enqueuedAt).thenComparing(OutboxEntry::id))
                .limit(limit).toList();
    }

    @Override
    public synchronized Map<OutboxState, Long> counts() {
        Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
        for (OutboxState state : OutboxState.values()) {
            counts.put(state, 0L);
        }
        slots.values().forEach(s -> counts.merge(s.entry.state(), 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized Optional<Instant> nextDue() {
        return due.isEmpty() ? Optional.empty() : Optional.of(due.first().at());
    }

    @Override
    public boolean requeue(String id, Instant now) {
        OutboxEntry requeued;
        synchronized (this) {
            Slot slot = slots.get(id);
            if (!requeueable(slot)) {
                return false;
            }
            requeued = slot.entry.requeued(now);
        }
        return write(Records.entry(EntryCodec.encode(requeued), null), (segment, offset) -> {
            Slot current = slots.get(id);
            if (!requeueable(current)) {
                return false;
            }
            put(successor(current, requeued, segment, -1, null));
            return true;
        });
    }

    private static boolean requeueable(Slot slot) {
        return slot != null && slot.entry.state() == OutboxState.FAILED && !slot.claimed && slot.messageSegment >= 0;
    }

    @Override
    public int purge(Set<OutboxState> states, Set<String> ids) {
        List<String> chosen;
        synchronized (this) {
            chosen = slots.values().stream().filter(s -> !s.claimed && states.contains(s.entry.state()))
                    .map(s -> s.entry.id()).filter(id -> ids.isEmpty() || ids.contains(id)).toList();
        }
        List<Write> pending = new ArrayList<>();
        for (String id : chosen) {
            Write w = new Write(Records.removed(id), (segment, offset) -> {
                Slot slot = slots.get(id);
                if (slot == null || slot.claimed) {
                    return false;
                }
                remove(id);
                return true;
            });
            submit(w);
            pending.add(w);
        }
        int removed = 0;
        for (Write w : pending) {
            removed += await(w) ? 1 : 0;
        }
        return removed;
    }

    @Override
    public void expire(Instant now) {
        synchronized (this) {
            List<String> expired = slots.values().stream()
                    .filter(s -> s.entry.keepUntil().isPresent() && !s.entry.keepUntil().get().isAfter(now))
                    .map(s -> s.entry.id()).toList();
            expired.forEach(this::remove);
        }
        if (!readOnly && !closed) {
            writes.add(new Write(null, null));
        }
    }

    @Override
    public String describe() {
        return "file journal " + directory;
    }

    // ---- the writer ----

    private boolean write(byte[] record, Apply apply) {
        Write w = new Write(record, apply);
        submit(w);
        return await(w);
    }

    private void submit(Write w) {
        if (readOnly) {
            throw new JournalException("the outbox journal " + directory + " was opened read-only", null);
        }
        if (closed) {
            throw new JournalException("the outbox journal " + directory + " is closed", null);
        }
        writes.add(w);
    }

    private static boolean await(Write w) {
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

    private void runWriter() {
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
            try {
                compact();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Outbox journal {}: compaction failed and is tried again later: {}", directory, reason(e));
            }
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
            java.util.concurrent.locks.LockSupport.parkNanos(STRAGGLER_WAIT_NANOS);
            writes.drainTo(batch, 4095);
        }
    }

    /** Appends the records with one write and one fsync, then applies them; or fails them all, leaving nothing. */
    private void appendDurably(List<Write> records) {
        long bytes = records.stream().mapToLong(w -> w.record.length).sum();
        Segment segment = null;
        long start = 0;
        try {
            segment = writable(bytes);
            start = segment.size;
            allocate(segment, start + bytes);
            ByteBuffer[] buffers = records.stream().map(w -> ByteBuffer.wrap(w.record)).toArray(ByteBuffer[]::new);
            long position = start;
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    position += segment.channel.write(buffer, position);
                }
            }
            segment.channel.force(false);
            synchronized (this) {
                segment.size = position;
                long offset = start;
                for (Write w : records) {
                    segment.records++;
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
    private static void allocate(Segment segment, long end) throws IOException {
        if (end <= segment.allocated) {
            return;
        }
        long ahead = Math.max(end, segment.allocated + WRITE_AHEAD);
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
        Path path = directory.resolve(Segment.fileName(number));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            ByteBuffer header = Segment.header();
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            channel.force(true);
            syncDirectory();
        } catch (IOException e) {
            closeQuietly(channel);
            Files.deleteIfExists(path);
            throw e;
        }
        Segment segment = new Segment(number, path, channel, Segment.HEADER_SIZE);
        synchronized (this) {
            segments.put(number, segment);
        }
        active = segment;
        activeBroken = false;
        return segment;
    }

    /** Deletes the oldest segments no entry needs, copying forward the live entries of a mostly dead one first. */
    private void compact() throws IOException {
        while (true) {
            Segment oldest;
            synchronized (this) {
                Map.Entry<Long, Segment> first = segments.firstEntry();
                if (first == null || first.getValue() == active) {
                    return;
                }
                oldest = first.getValue();
                if (oldest.refs == 0) {
                    segments.remove(oldest.number);
                }
            }
            if (oldest.refs == 0) {
                oldest.closeQuietly();
                Files.deleteIfExists(oldest.path);
                syncDirectory();
                LOG.debug("Outbox journal {}: deleted {}", directory, oldest.path.getFileName());
                continue;
            }
            if (oldest.refs * 4L > oldest.records || !copyForward(oldest)) {
                return;
            }
        }
    }

    private boolean copyForward(Segment oldest) throws IOException {
        List<Write> copies = new ArrayList<>();
        synchronized (this) {
            for (Slot slot : slots.values()) {
                if (slot.metaSegment != oldest.number && slot.messageSegment != oldest.number) {
                    continue;
                }
                byte[] encoded = EntryCodec.encode(slot.entry);
                byte[] message = slot.messageSegment < 0 ? null : content(slot);
                Slot copied = slot;
                copies.add(new Write(Records.entry(encoded, message), (segment, offset) -> {
                    if (slots.get(copied.entry.id()) != copied) {
                        return false;
                    }
                    Slot moved = new Slot(copied.entry);
                    moved.claimed = copied.claimed;
                    moved.metaSegment = segment;
                    if (message != null) {
                        moved.messageSegment = segment;
                        moved.messageOffset = offset + Records.messageOffset(encoded.length);
                        moved.messageLength = message.length;
                    }
                    put(moved);
                    return true;
                }));
            }
        }
        appendDurably(copies);
        for (Write w : copies) {
            if (w.done.isCompletedExceptionally()) {
                return false;
            }
        }
        LOG.debug("Outbox journal {}: copied {} live entries out of {}", directory, copies.size(), oldest.path);
        return true;
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("Outbox journal {}: the directory cannot be synced on this platform: {}", directory, reason(e));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            writes.add(STOP);
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeFiles();
    }

    private synchronized void closeFiles() {
        segments.values().forEach(Segment::closeQuietly);
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("Outbox journal {}: releasing the lock: {}", directory, reason(e));
            }
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing was written through it that is not forced already.
            }
        }
    }

    /** The cause in words: "No space left on device", "Read-only file system", "Permission denied". */
    static String reason(Throwable e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + " (" + f.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return "SegmentedJournal[" + directory + (readOnly ? ", read-only" : "") + "]";
    }
}
