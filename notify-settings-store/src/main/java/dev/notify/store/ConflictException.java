package dev.notify.store;

import dev.notify.NotifyException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A change set was made against a version that is no longer current: other edits were saved since. Nothing was
 * written. {@link #changedKeys()} names the full keys those edits changed, so an editor can show them, reload and
 * decide; no edit silently overwrites another.
 */
public class ConflictException extends NotifyException {

    private static final long serialVersionUID = 1L;

    private final long baseVersion;
    private final long currentVersion;
    private final Set<String> changedKeys;

    public ConflictException(long baseVersion, long currentVersion, Set<String> changedKeys) {
        super("the settings changed since version " + baseVersion + " (now version " + currentVersion + "); "
                + (changedKeys.isEmpty() ? "no key changed" : "changed: " + String.join(", ", changedKeys))
                + "; reload and apply the change again", null, null, null);
        this.baseVersion = baseVersion;
        this.currentVersion = currentVersion;
        this.changedKeys = Collections.unmodifiableSet(new LinkedHashSet<>(changedKeys));
    }

    /** The version the refused change set was made against. */
    public long baseVersion() {
        return baseVersion;
    }

    /** The store's version when the change set was refused. */
    public long currentVersion() {
        return currentVersion;
    }

    /** The full keys the edits after the base version changed, in the order they were changed. */
    public Set<String> changedKeys() {
        return changedKeys;
    }
}
