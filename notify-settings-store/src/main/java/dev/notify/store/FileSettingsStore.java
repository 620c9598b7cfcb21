package dev.notify.store;

import dev.notify.store.internal.FileBackend;
import dev.notify.store.internal.StoreEngine;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link SettingsStore} on a properties file, the embedded default: the file stays what an administrator can
 * read and edit by hand, and {@code <file>.journal} beside it holds the history (an append-only, CRC-checked
 * record per version, with no secret's value in it). {@code <file>.lock} is locked around every change, so stores
 * in several processes can share the file.
 *
 * <p>A change rewrites only the lines of the keys it changes (comments, order and formatting of the others stay),
 * atomically: a temporary file in the same directory, forced to the disk and renamed over the file. A hand edit is
 * picked up on the next read and recorded as {@link HistoryEntry.Kind#EDITED_OUTSIDE}; one that does not validate
 * leaves the last good settings in force and the store {@link StoreStatus.State#INVALID}. Relative
 * {@code ${file:PATH}} references are resolved against the file's directory. A file that does not exist yet is an
 * empty store, created by the first change.
 */
public final class FileSettingsStore {

    private FileSettingsStore() {
    }

    /** Opens the store with {@link StoreOptions#defaults()}. */
    public static SettingsStore open(Path file) {
        return open(file, StoreOptions.defaults());
    }

    /**
     * Opens the store and reads the file.
     *
     * @throws StoreUnavailableException when the file or its journal exists but cannot be read
     */
    public static SettingsStore open(Path file, StoreOptions options) {
        FileBackend backend = new FileBackend(Objects.requireNonNull(file, "file"));
        return new StoreEngine(backend, Objects.requireNonNull(options, "options"), backend.directory());
    }

    /** The journal of the store on {@code file}. */
    public static Path journalOf(Path file) {
        return FileBackend.journalOf(file);
    }
}
