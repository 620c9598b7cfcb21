package dev.notify.store.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link StoreBackend#write} writes: the new entries, and the records that lead to them (one, or two when an
 * edit made outside notify is recorded before the change). The last record's version is the new version.
 */
public record Commit(Map<String, String> entries, List<JournalRecord> records) {

    public Commit {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a commit needs a record");
        }
    }

    public long version() {
        return records.get(records.size() - 1).version();
    }
}
