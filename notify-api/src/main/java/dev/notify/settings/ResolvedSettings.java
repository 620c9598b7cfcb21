package dev.notify.settings;

import dev.notify.Channel;
import dev.notify.Problem;
import dev.notify.SettingsException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    private final String keyPrefix;
    private final String serverId;
    private final Map<SettingKey<?>, ResolvedValue<?>> values;
    private final Map<String, ResolvedValue<?>> byName;
    private final List<Problem> problems;
    private final List<Problem> readProblems;
    private final Set<String> unreadable;
    private final Map<String, Origin> uninstalled;

    /**
     * @param unreadable  the keys, without a server prefix, that a layer of these settings could not read
     * @param uninstalled keys of providers that are not installed, with the nearest layer that sets them
     */
    ResolvedSettings(String keyPrefix, String serverId, Map<SettingKey<?>, ResolvedValue<?>> values,
            List<Problem> readProblems, List<Problem> validationProblems, Set<String> unreadable,
            Map<String, Origin> uninstalled) {
        this.keyPrefix = keyPrefix;
        this.serverId = serverId;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Map<String, ResolvedValue<?>> named = new java.util.HashMap<>();
        values.forEach((key, value) -> named.put(key.name(), value));
        this.byName = Collections.unmodifiableMap(named);
        this.readProblems = List.copyOf(readProblems);
        this.unreadable = Set.copyOf(unreadable);
        this.uninstalled = Collections.unmodifiableMap(new LinkedHashMap<>(uninstalled));
        List<Problem> all = new java.util.ArrayList<>(readProblems);
        all.addAll(validationProblems);
        this.problems = List.copyOf(all);
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

    /**
     * A key's resolved value by its name ({@code templates.invitation.de.subject}), for keys that a layer may add
     * beyond the schema's declared ones (templates, phrases); empty when neither the schema nor a layer of these
     * settings has the key.
     */
    public Optional<ResolvedValue<?>> resolvedValue(String keyName) {
        return Optional.ofNullable(byName.get(keyName));
    }

    /** The layer the key's value came from. */
    public Origin origin(SettingKey<?> key) {
        return resolved(key).origin();
    }

    /**
     * The key as an administrator should fix it: prefixed with the layer it came from
     * ({@code servers.eu-1.sms.acme.port}), or with this server's layer when only a default applies, and with the
     * prefix the settings were read with ({@code notify.servers.eu-1.sms.acme.port} in a Spring application).
     */
    public String fullKey(SettingKey<?> key) {
        Origin origin = origin(key);
        String prefix = origin.kind() == Origin.Kind.DEFAULT
                ? (serverId == null ? "" : "servers." + serverId + ".")
                : origin.keyPrefix();
        return keyPrefix + prefix + key.name();
    }

    /** A problem with a key, named as the administrator must fix it for this server. */
    public Problem problem(SettingKey<?> key, String message) {
        return Problem.of(key, fullKey(key), message);
    }

    /** Every key's resolved value, in reference order. */
    public Collection<ResolvedValue<?>> values() {
        return values.values();
    }

    /** What stops this server's enabled channels from working; empty when the settings are usable. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * What stops one channel from working: every entry of the server's layers that could not be read (a mistyped
     * {@code email.enabled} must never pass for "off"), and the validation problems of that channel's keys.
     */
    public List<Problem> problems(Channel channel) {
        if (problems.isEmpty()) {
            return problems;
        }
        String prefix = channel.name().toLowerCase(Locale.ROOT) + ".";
        return problems.stream().filter(p -> readProblems.contains(p) || p.setting().map(SettingKey::name)
                .orElseGet(() -> unprefixed(p.key())).startsWith(prefix)).toList();
    }

    private String unprefixed(String fullKey) {
        String key = fullKey.startsWith(keyPrefix) ? fullKey.substring(keyPrefix.length()) : fullKey;
        return key.startsWith("servers.") ? key.substring(key.indexOf('.', "servers.".length()) + 1) : key;
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
     * Returns this when the channel can work: see {@link #problems(Channel)}.
     *
     * @throws SettingsException listing those problems, each naming its full key
     */
    public ResolvedSettings requireValid(Channel channel) {
        List<Problem> blocking = problems(channel);
        if (!blocking.isEmpty()) {
            throw new SettingsException(blocking, serverId, null, null);
        }
        return this;
    }

    /**
     * The values of the given keys, for telling whether something built from them must be rebuilt. Two results
     * are equal when every one of those values is.
     */
    public Map<String, Object> values(Collection<? extends SettingKey<?>> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SettingKey<?> key : keys) {
            ResolvedValue<?> v = values.get(key);
            if (v != null) {
                out.put(key.name(), v.value().orElse(null));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    List<Problem> readProblems() {
        return readProblems;
    }

    Set<String> unreadable() {
        return unreadable;
    }

    Map<String, Origin> uninstalled() {
        return uninstalled;
    }

    /** The key's resolved value, or null when the key is not in the schema these settings were resolved with. */
    ResolvedValue<?> resolvedValue(SettingKey<?> key) {
        return values.get(key);
    }

    private ResolvedValue<?> resolved(SettingKey<?> key) {
        ResolvedValue<?> value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " is not a key of the schema these settings were resolved with");
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
