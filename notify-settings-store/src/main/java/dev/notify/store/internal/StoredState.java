package dev.notify.store.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored entries at a version. {@code recorded} is false when the entries differ from what the journal's last
 * record left (the file was edited by hand since); {@code recordedEntries} are then the entries as of that record,
 * so the engine can record the difference as {@code EDITED_OUTSIDE}. Immutable.
 *
 * @param version         the version of the journal's last record (0 for an empty store)
 * @param entries         full key to stored text, in the store's order
 * @param recorded        whether {@code entries} are what the last record left
 * @param recordedEntries the entries as of the last record (the same map when {@code recorded})
 */
public record StoredState(long version, Map<String, String> entries, boolean recorded,
        Map<String, String> recordedEntries) {

    public StoredState {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        recordedEntries = recorded ? entries : Collections.unmodifiableMap(new LinkedHashMap<>(recordedEntries));
    }

    /** A state whose entries the journal records. */
    public static StoredState recorded(long version, Map<String, String> entries) {
        return new StoredState(version, entries, true, entries);
    }
}
