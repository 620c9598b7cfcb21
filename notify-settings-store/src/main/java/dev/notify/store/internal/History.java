package dev.notify.store.internal;

import dev.notify.store.HistoryEntry;
import dev.notify.store.HistoryEntry.KeyChange;
import dev.notify.store.HistoryEntry.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Journal records made from changes of stored entries, and shown as {@link HistoryEntry} without secret values. */
final class History {

    /** The author of a change noticed in the stored settings, made by other means than a store. */
    static final String OUTSIDE_AUTHOR = "(outside notify)";

    private final StoredEntries entries;

    History(StoredEntries entries) {
        this.entries = entries;
    }

    /** The record of an edit made outside notify: what the state holds beyond its last record. */
    JournalRecord outside(StoredState state, Instant time, String store) {
        return record(state.version() + 1, time, OUTSIDE_AUTHOR, "noticed in " + store, Kind.EDITED_OUTSIDE,
                state.recordedEntries(), state.entries());
    }

    JournalRecord record(long version, Instant time, String author, String comment, Kind kind,
            Map<String, String> before, Map<String, String> after) {
        List<JournalRecord.Change> changes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String old = before.get(key);
            String now = after.get(key);
            if (!Objects.equals(old, now)) {
                changes.add(new JournalRecord.Change(key, entries.journalValue(key, old), entries.journalValue(key, now),
                        entries.isSecret(key)));
            }
        }
        return new JournalRecord(version, time, author, comment, kind, changes);
    }

    HistoryEntry entry(JournalRecord record) {
        List<KeyChange> changes = record.changes().stream().map(c -> new KeyChange(c.key(),
                shown(c.key(), c.before(), c.secret()), shown(c.key(), c.after(), c.secret()), c.secret())).toList();
        return new HistoryEntry(record.version(), record.time(), record.author(), Optional.ofNullable(record.comment()),
                record.kind(), changes);
    }

    private Optional<String> shown(String key, String stored, boolean secret) {
        if (stored == null) {
            return Optional.empty();
        }
        if (secret && !stored.isBlank() && !StoredEntries.isReference(stored)) {
            return Optional.of(dev.notify.settings.Secret.MASK);
        }
        return Optional.of(entries.display(key, stored));
    }

    /** The full keys the records changed, in the order they were first changed. */
    static Set<String> keys(List<JournalRecord> records) {
        Set<String> keys = new LinkedHashSet<>();
        records.forEach(r -> r.changes().forEach(c -> keys.add(c.key())));
        return keys;
    }

    /** The entries the records leave when replayed from an empty store. */
    static Map<String, String> replay(List<JournalRecord> records) {
        Map<String, String> state = new LinkedHashMap<>();
        for (JournalRecord record : records) {
            for (JournalRecord.Change change : record.changes()) {
                if (change.after() == null) {
                    state.remove(change.key());
                } else {
                    state.put(change.key(), change.after());
                }
            }
        }
        return state;
    }
}
