package dev.notify.store.internal;

import dev.notify.store.HistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change as a backend stores it. Unlike {@link HistoryEntry}, its values are stored text, so the state of any
 * version can be rebuilt for a rollback: a secret's value is its reference or its encrypted form, never plain text;
 * a secret that was plain text (a hand edit) is {@link #WITHHELD} when there was no key to encrypt it.
 *
 * @param comment null when none
 */
public record JournalRecord(long version, Instant time, String author, String comment, HistoryEntry.Kind kind,
        List<Change> changes) {

    /** Stands for a secret's value that was neither a reference nor encrypted, and so was not recorded. */
    public static final String WITHHELD = "${withheld}";

    public JournalRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(kind, "kind");
        changes = List.copyOf(changes);
    }

    /**
     * One key's change; null stands for "not in its layer".
     *
     * @param before the stored text before, or null
     * @param after  the stored text after, or null
     */
    public record Change(String key, String before, String after, boolean secret) {

        public Change {
            Objects.requireNonNull(key, "key");
        }

        /** The key only. */
        @Override
        public String toString() {
            return "Change[" + key + "]";
        }
    }
}
