package dev.notify.store.internal;

import dev.notify.SettingsException;
import dev.notify.settings.Layer;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import dev.notify.store.ChangeSet;
import dev.notify.store.ConflictException;
import dev.notify.store.HistoryEntry;
import dev.notify.store.HistoryEntry.Kind;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreListener;
import dev.notify.store.StoreOptions;
import dev.notify.store.StoreSnapshot;
import dev.notify.store.StoreStatus;
import dev.notify.store.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SettingsStore} over any {@link StoreBackend}: validation, encryption, conflicts, history and the settings
 * in force, which {@link #current()} swaps when the stored version moves and keeps while the backend is unavailable
 * or holds settings that do not validate. Threadsafe.
 */
public final class StoreEngine implements SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(StoreEngine.class);

    private final StoreBackend backend;
    private final StoredEntries entries;
    private final EditApplier edits;
    private final History history;
    private final Clock clock;
    private final long checkIntervalNanos;
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private volatile InForce inForce;
    private volatile StoreStatus status;
    private volatile long nextCheck;
    private volatile Shown shown;

    /** The last snapshot and what it was made from: the stored state read and the settings then in force. */
    private record Shown(StoredState state, Settings settings, StoreSnapshot snapshot) {
    }

    /** The settings in force and the stored entries they were parsed from. */
    private record InForce(long version, Map<String, String> entries, Settings settings) {
    }

    /**
     * Opens a store over a backend and reads it. Content that does not validate leaves the store
     * {@link StoreStatus.State#INVALID} with empty settings until it is fixed.
     *
     * @param baseDirectory where relative {@code ${file:PATH}} references are resolved
     * @throws StoreUnavailableException when the backend cannot be read
     */
    public StoreEngine(StoreBackend backend, StoreOptions options, Path baseDirectory) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.entries = new StoredEntries(options.schema(), new SecretCipher(options.keys()),
                PropertiesFormat.standard().withEnvironment(options.environment()).withBaseDirectory(baseDirectory));
        this.edits = new EditApplier(entries);
        this.history = new History(entries);
        this.clock = options.clock();
        this.checkIntervalNanos = options.checkInterval().toNanos();
        this.inForce = new InForce(-1, Map.of(), Settings.builder().schema(options.schema()).global(Layer.empty())
                .build());
        this.status = new StoreStatus(StoreStatus.State.OK, -1, Optional.empty(), clock.instant());
        refresh(backend.read());
        backend.onChange(this::check);
    }

    @Override
    public Settings current() {
        if (System.nanoTime() - nextCheck >= 0) {
            check();
        }
        return inForce.settings;
    }

    private void check() {
        nextCheck = System.nanoTime() + checkIntervalNanos;
        try {
            refresh(backend.read());
        } catch (StoreUnavailableException e) {
            unavailable(e);
        }
    }

    /** Makes stored entries the settings in force when they validate, recording an edit made outside notify. */
    private synchronized StoredState refresh(StoredState state) {
        InForce current = inForce;
        if (state.version() == current.version && state.entries().equals(current.entries)) {
            status(StoreStatus.State.OK, null);
            return state;
        }
        Settings settings;
        try {
            settings = entries.parse(state.entries());
        } catch (SettingsException e) {
            status(StoreStatus.State.INVALID, backend.describe() + " holds settings that do not validate; version "
                    + current.version + " stays in force:\n" + e.getMessage());
            return state;
        }
        if (!state.recorded()) {
            Map<String, String> parsed = state.entries();
            StoredState written = backend.write(locked -> locked.recorded() || !locked.entries().equals(parsed) ? null
                    : new Commit(parsed, List.of(history.outside(locked, clock.instant(), backend.describe()))));
            if (!written.entries().equals(parsed)) {
                return refresh(written);
            }
            state = written;
        }
        swap(state.version(), state.entries(), settings);
        return state;
    }

    private synchronized void swap(long version, Map<String, String> stored, Settings settings) {
        if (version < inForce.version) {
            return;
        }
        boolean moved = version != inForce.version;
        inForce = new InForce(version, stored, settings);
        status(StoreStatus.State.OK, null);
        if (moved) {
            LOG.info("Settings version {} from {} in force", version, backend.describe());
            for (StoreListener listener : listeners) {
                try {
                    listener.settingsChanged(version);
                } catch (RuntimeException e) {
                    LOG.warn("A store listener failed on version {}", version, e);
                }
            }
        }
    }

    private void unavailable(StoreUnavailableException e) {
        status(StoreStatus.State.UNAVAILABLE, e.getMessage() + "; version " + inForce.version + " stays in force");
    }

    private synchronized void status(StoreStatus.State state, String problem) {
        StoreStatus previous = status;
        long version = inForce.version;
        if (previous.state() == state && previous.version() == version
                && previous.problem().equals(Optional.ofNullable(problem))) {
            return;
        }
        StoreStatus next = new StoreStatus(state, version, Optional.ofNullable(problem),
                previous.state() == state ? previous.since() : clock.instant());
        status = next;
        if (state != StoreStatus.State.OK) {
            LOG.warn("Settings store {}: {}", backend.describe(), problem);
        } else if (previous.state() != StoreStatus.State.OK) {
            LOG.info("Settings store {} is readable again", backend.describe());
        }
        if (previous.state() != state || !previous.problem().equals(next.problem())) {
            for (StoreListener listener : listeners) {
                try {
                    listener.statusChanged(next);
                } catch (RuntimeException ex) {
                    LOG.warn("A store listener failed on a status change", ex);
                }
            }
        }
    }

    @Override
    public StoreSnapshot snapshot() {
        StoredState state = read();
        Settings settings = inForce.settings;
        Shown last = shown;
        if (last != null && last.settings == settings && (last.state == state
                || last.state.version() == state.version() && last.state.entries().equals(state.entries()))) {
            return last.snapshot;
        }
        Map<String, String> display = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        state.entries().forEach((key, stored) -> {
            display.put(key, entries.display(key, stored));
            if (entries.isSecret(key)) {
                secrets.add(key);
            }
        });
        StoreSnapshot snapshot = new StoreSnapshot(state.version(), display, secrets, settings);
        shown = new Shown(state, settings, snapshot);
        return snapshot;
    }

    /** Reads the backend, records an edit made outside notify, and brings the settings in force up to date. */
    private StoredState read() {
        try {
            return refresh(backend.read());
        } catch (StoreUnavailableException e) {
            unavailable(e);
            throw e;
        }
    }

    @Override
    public long apply(ChangeSet changes) {
        Objects.requireNonNull(changes, "changes");
        read();
        AtomicReference<Settings> validated = new AtomicReference<>();
        AtomicReference<Set<String>> outside = new AtomicReference<>();
        StoredState written = write(state -> {
            if (!state.recorded()) {
                try {
                    entries.parse(state.entries());
                    JournalRecord record = history.outside(state, clock.instant(), backend.describe());
                    outside.set(History.keys(List.of(record)));
                    return new Commit(state.entries(), List.of(record));
                } catch (SettingsException invalidHandEdit) {
                    // Applied on top: the change set's validation names what is wrong, or it fixes it.
                }
            }
            if (changes.baseVersion() != state.version()) {
                throw new ConflictException(changes.baseVersion(), state.version(),
                        History.keys(backend.records(changes.baseVersion(), Integer.MAX_VALUE)));
            }
            Map<String, String> next = edits.apply(state.entries(), changes);
            validated.set(entries.validate(next, state.entries()));
            return new Commit(next, List.of(history.record(state.version() + 1, clock.instant(), changes.author(),
                    changes.comment().orElse(null), Kind.APPLIED, state.recordedEntries(), next)));
        });
        if (outside.get() != null) {
            refresh(written);
            throw new ConflictException(changes.baseVersion(), written.version(), outside.get());
        }
        swap(written.version(), written.entries(), validated.get());
        return written.version();
    }

    @Override
    public List<HistoryEntry> history(long afterVersion, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return backend.records(afterVersion, limit).stream().map(history::entry).toList();
    }

    @Override
    public long rollback(long version, String author, String comment) {
        Objects.requireNonNull(author, "author");
        read();
        AtomicReference<Settings> validated = new AtomicReference<>();
        StoredState written = write(state -> {
            if (version < 0 || version > state.version()) {
                throw new IllegalArgumentException("there is no version " + version + "; the latest is "
                        + state.version());
            }
            Map<String, String> target = History.replay(backend.records(0, (int) Math.min(version, Integer.MAX_VALUE)));
            validated.set(entries.validate(target, state.entries()));
            return outsideThen(state, next -> history.record(next, clock.instant(), author,
                    comment == null || comment.isBlank() ? "rollback to version " + version : comment.strip(),
                    Kind.ROLLBACK, state.entries(), target), target);
        });
        swap(written.version(), written.entries(), validated.get());
        return written.version();
    }

    @Override
    public long reencrypt(String author) {
        Objects.requireNonNull(author, "author");
        SecretCipher cipher = entries.cipher();
        if (!cipher.canEncrypt()) {
            throw new IllegalStateException("no encryption key is configured");
        }
        read();
        AtomicReference<Settings> validated = new AtomicReference<>();
        StoredState written = write(state -> {
            Settings settings = entries.parse(state.entries());
            Map<String, String> next = new LinkedHashMap<>(state.entries());
            next.replaceAll((key, stored) -> {
                if (!entries.isSecret(key) || stored.isBlank() || StoredEntries.isReference(stored)) {
                    return stored;
                }
                if (SecretCipher.isEncrypted(stored)) {
                    if (SecretCipher.keyId(stored).orElseThrow().equals(cipher.currentKeyId())) {
                        return stored;
                    }
                    stored = cipher.decrypt(key, stored);
                }
                return cipher.encrypt(key, stored.strip());
            });
            validated.set(settings);
            return outsideThen(state, version -> history.record(version, clock.instant(), author,
                    "re-encrypted under key " + cipher.currentKeyId(), Kind.REENCRYPTED, state.entries(), next), next);
        });
        swap(written.version(), written.entries(), validated.get());
        return written.version();
    }

    /** A commit of {@code next}, after a record of an edit made outside notify when the state has one. */
    private Commit outsideThen(StoredState state, Function<Long, JournalRecord> record, Map<String, String> next) {
        List<JournalRecord> records = new ArrayList<>();
        if (!state.recorded()) {
            records.add(history.outside(state, clock.instant(), backend.describe()));
        }
        records.add(record.apply(state.version() + records.size() + 1));
        return new Commit(next, records);
    }

    private StoredState write(Function<StoredState, Commit> update) {
        try {
            return backend.write(update);
        } catch (StoreUnavailableException e) {
            unavailable(e);
            throw e;
        }
    }

    @Override
    public StoreStatus status() {
        return status;
    }

    @Override
    public void addListener(StoreListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(StoreListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "SettingsStore[" + backend.describe() + "]";
    }
}
