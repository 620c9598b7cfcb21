package dev.notify.store.internal;

import dev.notify.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A properties file as a store: {@code <file>.journal} beside it holds the history, {@code <file>.lock} is locked
 * (in every process, and per file within this one) around each read-check-write. A write goes to a temporary file
 * in the same directory, which is forced to the disk and renamed over the file atomically, then the directory is
 * forced; the journal record follows. A crash before the rename leaves the old file, after it the new one; a
 * crash between the rename and the journal leaves a change the next reader records as made outside notify.
 * Threadsafe.
 */
public final class FileBackend implements StoreBackend {

    /** One lock per file within this JVM: a file lock is held by the process, not by a thread. */
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;
    private final Path temp;
    private final Journal journal;
    private final ReentrantLock lock;
    private StoredState cached;
    private String cachedHash;

    public FileBackend(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.lockFile = sibling(".lock");
        this.temp = this.file.resolveSibling("." + this.file.getFileName() + ".tmp");
        this.journal = new Journal(sibling(".journal"));
        this.lock = LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    public static Path journalOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".journal");
    }

    public Path directory() {
        return file.getParent();
    }

    @Override
    public synchronized StoredState read() {
        try {
            byte[] content = content();
            journal.refresh();
            String hash = sha256(content);
            if (cached != null && hash.equals(cachedHash) && cached.version() == journal.version()) {
                return cached;
            }
            Map<String, String> entries = document(content).entries();
            Map<String, String> recorded = journal.replayed();
            boolean isRecorded = hash.equals(journal.lastHash()) || entries.equals(recorded);
            cached = new StoredState(journal.version(), entries, isRecorded, recorded);
            cachedHash = hash;
            return cached;
        } catch (IOException e) {
            throw unavailable("cannot be read", e);
        }
    }

    @Override
    public StoredState write(Function<StoredState, Commit> update) {
        lock.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock held = channel.lock();
            try {
                return writeLocked(update);
            } finally {
                held.release();
            }
        } catch (IOException e) {
            throw unavailable("cannot be written", e);
        } finally {
            lock.unlock();
        }
    }

    private StoredState writeLocked(Function<StoredState, Commit> update) throws IOException {
        StoredState state = read();
        Commit commit = update.apply(state);
        if (commit == null) {
            return state;
        }
        byte[] before = content();
        String text = document(before).rewrite(commit.entries());
        if (!PropertiesDocument.parse(text).entries().equals(commit.entries())) {
            throw new IllegalStateException("the rewritten settings do not read back as written; nothing written");
        }
        byte[] after = text.getBytes(StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(after, before)) {
            replace(after);
        }
        List<String> hashes = new ArrayList<>();
        for (int i = 1; i < commit.records().size(); i++) {
            hashes.add(sha256(before));
        }
        hashes.add(sha256(after));
        journal.append(commit.records(), hashes);
        return read();
    }

    private void replace(byte[] content) throws IOException {
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null && Files.exists(file)) {
            Files.setPosixFilePermissions(temp, posix.readAttributes().permissions());
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + temp + " over " + file + " atomically", e);
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory to force it; the rename itself is atomic there too.
        }
    }

    @Override
    public List<JournalRecord> records(long afterVersion, int limit) {
        try {
            journal.refresh();
        } catch (IOException e) {
            throw unavailable("journal cannot be read", e);
        }
        List<JournalRecord> all = journal.records();
        int from = (int) Math.max(0, Math.min(afterVersion, all.size()));
        return all.subList(from, (int) Math.min(all.size(), (long) from + limit));
    }

    private byte[] content() throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    private PropertiesDocument document(byte[] content) throws IOException {
        try {
            return PropertiesDocument.parse(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a properties file (" + e.getMessage() + ")", e);
        }
    }

    private StoreUnavailableException unavailable(String what, IOException e) {
        return new StoreUnavailableException("the settings file " + file + " " + what + ": "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void close() {
        // Holds no open file between calls.
    }
}
