package dev.notify.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded change of a {@link SettingsStore}. Holds no secret's value: a secret's old and new values show as
 * {@link dev.notify.settings.Secret#MASK} or as the reference it was set to. This class is immutable and threadsafe.
 *
 * @param version the version the change made
 * @param time    when it was recorded, from the store's clock
 * @param author  who made it; for {@link Kind#EDITED_OUTSIDE}, the store that noticed it
 * @param comment why, if the author said
 * @param kind    how the change was made
 * @param changes the keys it changed, in key order
 */
public record HistoryEntry(long version, Instant time, String author, Optional<String> comment, Kind kind,
        List<KeyChange> changes) {

    public HistoryEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(kind, "kind");
        changes = List.copyOf(changes);
    }

    /** How a change was made. */
    public enum Kind {
        /** A change set applied through a store. */
        APPLIED,
        /** A rollback to an earlier version. */
        ROLLBACK,
        /** Secrets re-encrypted under the current key; no value changed. */
        REENCRYPTED,
        /** The stored settings were changed by other means (a hand edit of the file), noticed by a store. */
        EDITED_OUTSIDE
    }

    /**
     * One key's change. An absent value means the key was not in its layer.
     *
     * @param key    the full key ({@code servers.eu-1.email.smtp.port})
     * @param before the value before, as text; a secret's as {@link dev.notify.settings.Secret#MASK} or its reference
     * @param after  the value after, likewise
     * @param secret whether the key is a secret, whose values show only as changed
     */
    public record KeyChange(String key, Optional<String> before, Optional<String> after, boolean secret) {

        public KeyChange {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        /** {@code key: old -> new}, or {@code key: changed} for a secret. */
        @Override
        public String toString() {
            if (secret) {
                return key + ": " + (after.isEmpty() ? "removed" : before.isEmpty() ? "set" : "changed");
            }
            return key + ": " + before.orElse("(not set)") + " -> " + after.orElse("(not set)");
        }
    }
}
