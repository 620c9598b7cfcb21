package dev.notify.store.internal;

import dev.notify.store.StoreUnavailableException;
import java.util.List;
import java.util.function.Function;

/**
 * Where a {@link StoreEngine} keeps the stored entries (full key to stored text) and the journal of changes. The
 * engine does everything that is the same for every backend (validation, encryption, conflict detection, history
 * rendering, the cached settings); a backend only reads and writes atomically.
 *
 * <p>Stored text is what a properties file holds: plain values, references ({@code ${env:X}}), encrypted secrets
 * ({@code ${enc:v1:<key id>:<base64>}}). Implementations must be threadsafe and safe against other processes
 * writing the same store.
 */
public interface StoreBackend extends AutoCloseable {

    /**
     * The stored state now. Called on the send path at most once per check interval: a backend whose read needs
     * the network returns a state it keeps current by other means (notifications, its own thread) and calls the
     * listener given to {@link #onChange} when it moved.
     *
     * @throws StoreUnavailableException when the store cannot be read
     */
    StoredState read();

    /**
     * Under a lock that excludes every other writer of this store (in any process), reads the state, calls
     * {@code update} with it and writes what it returns atomically: the entries and the journal records; nothing
     * when {@code update} returns null or throws (its exception propagates).
     *
     * @return the state written (the state read when nothing was)
     * @throws StoreUnavailableException when the store cannot be read or written; nothing was written
     */
    StoredState write(Function<StoredState, Commit> update);

    /**
     * Journal records with a version above {@code afterVersion}, oldest first, at most {@code limit}.
     *
     * @throws StoreUnavailableException when the journal cannot be read
     */
    List<JournalRecord> records(long afterVersion, int limit);

    /** Registers what to run when the backend learns of a change by its own means; a backend may never call it. */
    default void onChange(Runnable listener) {
    }

    /** Names the store in messages (a file path, a JDBC URL without credentials). */
    String describe();

    @Override
    void close();
}
