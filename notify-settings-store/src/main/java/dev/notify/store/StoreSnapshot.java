package dev.notify.store;

import dev.notify.settings.Secret;
import dev.notify.settings.Settings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link SettingsStore} held at one version, for display and as the base of a {@link ChangeSet}: every
 * key of every layer as text, by full key. A secret with a value reads back as {@link Secret#MASK}, a secret set
 * to a reference as the reference ({@code ${env:SMTP_PASSWORD}}), which names where the value is, never the value.
 * {@link #settings()} gives the parsed settings of the same version, for resolving what a server inherits.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class StoreSnapshot {

    private final long version;
    private final Map<String, String> values;
    private final Set<String> secretKeys;
    private final Settings settings;

    /**
     * @param values     full key to display text, secrets already masked
     * @param secretKeys the full keys among {@code values} that are secrets
     */
    public StoreSnapshot(long version, Map<String, String> values, Set<String> secretKeys, Settings settings) {
        this.version = version;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.secretKeys = Collections.unmodifiableSet(new LinkedHashSet<>(secretKeys));
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The version to give as the base of the next change set. */
    public long version() {
        return version;
    }

    /** Every stored key by full key, in the store's order, with its display text. */
    public Map<String, String> values() {
        return values;
    }

    /** A key's display text; empty when the store does not hold the key. */
    public Optional<String> value(String fullKey) {
        return Optional.ofNullable(values.get(fullKey));
    }

    /** Whether a stored key is a secret (its value shows as {@link Secret#MASK} or a reference). */
    public boolean isSecret(String fullKey) {
        return secretKeys.contains(fullKey);
    }

    /**
     * The settings of this version, parsed: layers, inheritance and effective values. Secrets in it are
     * {@link Secret} values; show them through {@link #values()}.
     */
    public Settings settings() {
        return settings;
    }

    /** The keys only, no values. */
    @Override
    public String toString() {
        return "StoreSnapshot[version=" + version + ", keys=" + values.keySet() + "]";
    }
}
