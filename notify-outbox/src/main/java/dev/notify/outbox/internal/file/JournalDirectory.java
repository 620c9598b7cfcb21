package dev.notify.outbox.internal.file;

import dev.notify.outbox.JournalException;
import dev.notify.outbox.spi.Journal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's directory: its lock ({@code journal.lock}, held by the one process that writes), the segment files
 * it holds, and syncing it after a file is created or deleted. A file named like a segment that is not a regular
 * file (a FIFO, a directory, a device) is never opened: it is skipped with a warning naming it.
 */
final class JournalDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(JournalDirectory.class);
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{12})\\.log");
    private static final String PAUSED = "paused-servers";
    private static final String GLOBAL_LINE = "(global)";

    /** A file named like a segment, and its number. */
    record SegmentFile(long number, Path path) {
    }

    final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private JournalDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The directory, created and locked to write; or only checked to exist to read. */
    static JournalDirectory open(Path directory, boolean readOnly) {
        Path dir = directory.toAbsolutePath().normalize();
        if (readOnly) {
            if (!Files.isDirectory(dir)) {
                throw new JournalException("there is no outbox journal in " + dir, null);
            }
            return new JournalDirectory(dir, null, null);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new JournalException("cannot create the outbox journal directory " + dir + ": " + reason(e), e);
        }
        FileChannel lockChannel = null;
        FileLock lock;
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
        return new JournalDirectory(dir, lockChannel, lock);
    }

    /**
     * The segment files, oldest first, and the number the next new segment takes (past every file named like one,
     * read or not, so that a new segment never meets an existing file).
     */
    record Listing(List<SegmentFile> segments, long nextNumber) {
    }

    Listing segments() {
        List<Path> named;
        try (Stream<Path> list = Files.list(path)) {
            named = list.filter(p -> SEGMENT.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new JournalException("cannot read the outbox journal directory " + path + ": " + reason(e), e);
        }
        List<SegmentFile> segments = new ArrayList<>();
        long next = 1;
        for (Path file : named) {
            Matcher m = SEGMENT.matcher(file.getFileName().toString());
            m.matches();
            long number = Long.parseLong(m.group(1));
            next = Math.max(next, number + 1);
            if (Files.isRegularFile(file)) {
                segments.add(new SegmentFile(number, file));
            } else {
                LOG.warn("Outbox journal {}: {} is named like a journal segment but is not a regular file; it is "
                        + "skipped and left alone", path, file.getFileName());
            }
        }
        return new Listing(segments, next);
    }

    /**
     * The servers paused in {@code paused-servers} (one a line, the global settings as {@value #GLOBAL_LINE});
     * none when there is no such file.
     */
    Set<String> pausedServers() {
        Path file = path.resolve(PAUSED);
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            Set<String> servers = new TreeSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    servers.add(line.equals(GLOBAL_LINE) ? Journal.GLOBAL : line.strip());
                }
            }
            return servers;
        } catch (IOException e) {
            throw new JournalException("cannot read " + file + ": " + reason(e), e);
        }
    }

    /** Replaces {@code paused-servers} durably: written aside, forced, moved over the old one, the directory synced. */
    void pausedServers(Set<String> servers) {
        Path file = path.resolve(PAUSED);
        Path next = path.resolve(PAUSED + ".new");
        StringBuilder text = new StringBuilder();
        new TreeSet<>(servers).forEach(s -> text.append(s.equals(Journal.GLOBAL) ? GLOBAL_LINE : s).append('\n'));
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new JournalException("cannot write " + next + ": " + reason(e), e);
        }
        try {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new JournalException("cannot replace " + file + ": " + reason(e), e);
        }
        sync();
    }

    void sync() {
        try (FileChannel dir = FileChannel.open(path, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("Outbox journal {}: the directory cannot be synced on this platform: {}", path, reason(e));
        }
    }

    void unlock() {
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("Outbox journal {}: releasing the lock: {}", path, reason(e));
            }
        }
        closeQuietly(lockChannel);
    }

    static void closeQuietly(FileChannel channel) {
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
        return path.toString();
    }
}
