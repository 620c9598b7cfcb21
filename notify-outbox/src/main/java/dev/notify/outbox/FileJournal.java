package dev.notify.outbox;

import dev.notify.outbox.internal.file.SegmentedJournal;
import dev.notify.outbox.spi.Journal;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The embedded journal: a directory of the host's, holding append-only segment files. Every record carries a
 * CRC32C checksum and a format version; an enqueue returns after its record is on disk (fsync), and concurrent
 * enqueues share one fsync. A record torn by a crash is skipped on recovery; acknowledged records are never
 * behind it. Segments whose messages are all delivered are deleted.
 *
 * <pre>{@code
 * DurableOutbox outbox = DurableOutbox.builder(notifier).journal(FileJournal.in(Path.of("/var/lib/app/outbox"))).build();
 * }</pre>
 *
 * <p>One process at a time owns a directory (a lock file); put it on a local disk, not a network share. The
 * message content is stored as given: restrict the directory's permissions, and encrypt the file system where
 * messages are sensitive. This class is threadsafe.
 */
public final class FileJournal {

    private FileJournal() {
    }

    /**
     * Opens the journal in {@code directory}, creating it when needed, and recovers what it holds.
     *
     * @throws JournalException when the directory cannot be created or written, another process holds it, or it
     *     holds a journal written by a newer notify
     */
    public static Journal in(Path directory) {
        return builder(directory).open();
    }

    /** A journal in {@code directory} with options. */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** Options of a file journal. This class is not threadsafe. */
    public static final class Builder {
        private final Path directory;
        private long segmentSize = 64L * 1024 * 1024;
        private boolean readOnly;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /**
         * The size at which a new segment file is started (default 64 MB); smaller segments are reclaimed sooner.
         *
         * @throws IllegalArgumentException unless 64 KB to 1 GB
         */
        public Builder segmentSize(long bytes) {
            if (bytes < 64 * 1024 || bytes > 1024L * 1024 * 1024) {
                throw new IllegalArgumentException("segmentSize must be 64 KB to 1 GB, was " + bytes);
            }
            this.segmentSize = bytes;
            return this;
        }

        /**
         * Opens the journal to read only, without taking its lock, as it is at that moment: for tools that list
         * the messages of a journal that a running application owns. Every change throws.
         */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /**
         * Opens and recovers the journal.
         *
         * @throws JournalException as {@link FileJournal#in(Path)}
         */
        public Journal open() {
            return SegmentedJournal.open(directory, segmentSize, readOnly);
        }
    }
}
