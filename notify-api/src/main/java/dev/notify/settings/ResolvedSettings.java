package dev.notify.settings;

import dev.notify.Problem;
import dev.notify.SettingsException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One server's effective settings: every key's value and the layer it came from, plus the problems that stop
 * its enabled channels from working. Obtain it from {@link Settings#resolve(String)}.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class ResolvedSettings {

    private final String serverId;
    private final Map<SettingKey<?>, ResolvedValue<?>> values;
    private final List<Problem> problems;

    ResolvedSettings(String serverId, Map<SettingKey<?>, ResolvedValue<?>> values, List<Problem> problems) {
        this.serverId = serverId;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.problems = List.copyOf(problems);
    }

    /** The server these settings are for; empty for the global settings. */
    public Optional<String> serverId() {
        return Optional.ofNullable(serverId);
    }

    /** The effective value, or empty when there is none. */
    public <T> Optional<T> find(SettingKey<T> key) {
        return resolved(key).value().map(key.type()::cast);
    }

    /**
     * The effective value of a key that must have one (every key with a default always has one).
     *
     * @throws NoSuchElementException naming the full key when there is no value
     */
    public <T> T get(SettingKey<T> key) {
        return find(key).orElseThrow(() -> new NoSuchElementException(fullKey(key) + " has no value"));
    }

    /** The layer the key's value came from. */
    public Origin origin(SettingKey<?> key) {
        return resolved(key).origin();
    }

    /**
     * The key as an administrator should fix it: prefixed with the layer it came from
     * ({@code servers.eu-1.email.smtp.port}), or with this server's layer when only a default applies.
     */
    public String fullKey(SettingKey<?> key) {
        Origin origin = origin(key);
        String prefix = origin.kind() == Origin.Kind.DEFAULT
                ? (serverId == null ? "" : "servers." + serverId + ".")
                : origin.keyPrefix();
        return prefix + key.name();
    }

    /** Every key's resolved value, in reference order. */
    public Collection<ResolvedValue<?>> values() {
        return values.values();
    }

    /** What stops this server's enabled channels from working; empty when the settings are usable. */
    public List<Problem> problems() {
        return problems;
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * Returns this when valid.
     *
     * @throws SettingsException listing every problem, each naming its full key
     */
    public ResolvedSettings requireValid() {
        if (!problems.isEmpty()) {
            throw new SettingsException(problems, serverId, null, null);
        }
        return this;
    }

    /**
     * The values of the keys under the given sections ({@code email.smtp}), for telling whether something built
     * from them must be rebuilt. Two results are equal when every one of those values is.
     */
    public Map<String, Object> section(Set<String> sections) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ResolvedValue<?> v : values.values()) {
            if (sections.stream().anyMatch(v.key()::isIn)) {
                out.put(v.key().name(), v.value().orElse(null));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private ResolvedValue<?> resolved(SettingKey<?> key) {
        ResolvedValue<?> value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("not a key of SettingKeys: " + key);
        }
        return value;
    }

    /** One {@code key=value (origin)} line per key; secrets print as {@code ********}. */
    @Override
    public String toString() {
        return values.values().stream().map(ResolvedValue::toString)
                .collect(Collectors.joining("\n", "ResolvedSettings[" + (serverId == null ? "global" : "server " + serverId)
                        + "]\n", ""));
    }
}
