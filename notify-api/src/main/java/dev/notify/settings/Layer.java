package dev.notify.settings;

import dev.notify.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The values one layer sets: the global settings, or one server's overrides. A key a layer does not mention is
 * inherited from the layer below; a key a layer {@linkplain Builder#clear clears} is set to "no value" there,
 * which stops inheritance (a server that clears {@code email.reply-to} sends without one even if the global
 * layer has one).
 *
 * <p>Start from an existing layer with {@link #builder(Layer)} to change a few keys. This class is immutable and
 * threadsafe.
 */
public final class Layer {

    private static final Layer EMPTY = new Layer(Map.of(), List.of(), Set.of(), Map.of(), Map.of());

    private final Map<SettingKey<?>, Optional<?>> values;
    private final List<Problem> problems;
    private final Set<String> uninstalledKeys;
    private final Map<SettingKey<?>, String> references;
    private final Map<String, SettingKey<?>> deprecatedNames;

    private Layer(Map<SettingKey<?>, Optional<?>> values, List<Problem> problems, Set<String> uninstalledKeys,
            Map<SettingKey<?>, String> references, Map<String, SettingKey<?>> deprecatedNames) {
        this.values = values;
        this.problems = problems;
        this.uninstalledKeys = uninstalledKeys;
        this.references = references;
        this.deprecatedNames = deprecatedNames;
    }

    /** A layer that sets nothing. */
    public static Layer empty() {
        return EMPTY;
    }

    /** A builder whose {@link Builder#set(String, String)} knows the keys of {@link SettingsSchema#installed()}. */
    public static Builder builder() {
        return builder(SettingsSchema.installed());
    }

    /** A builder whose {@link Builder#set(String, String)} knows the keys of {@code schema}. */
    public static Builder builder(SettingsSchema schema) {
        return new Builder(Objects.requireNonNull(schema, "schema"), Map.of());
    }

    /** A builder that starts with everything {@code layer} sets. */
    public static Builder builder(Layer layer) {
        Builder b = new Builder(SettingsSchema.installed(), layer.values);
        b.problems.addAll(layer.problems);
        b.uninstalledKeys.addAll(layer.uninstalledKeys);
        b.references.putAll(layer.references);
        b.deprecatedNames.putAll(layer.deprecatedNames);
        return b;
    }

    /** Whether this layer mentions the key, with a value or cleared. */
    public boolean mentions(SettingKey<?> key) {
        return values.containsKey(key);
    }

    /**
     * The value this layer sets; empty when the layer does not mention the key or clears it
     * (tell the two apart with {@link #mentions}).
     */
    public <T> Optional<T> get(SettingKey<T> key) {
        Optional<?> value = values.get(key);
        return value == null ? Optional.empty() : value.map(key.type()::cast);
    }

    /** The value this layer sets or clears, empty-when-cleared, for a key it mentions; for writing layers out. */
    Optional<?> raw(SettingKey<?> key) {
        return values.get(key);
    }

    /**
     * The value as written when it contains a {@code ${env:...}} or {@code ${file:...}} reference: such a value is
     * shown as this text, never as what it read.
     */
    Optional<String> reference(SettingKey<?> key) {
        return Optional.ofNullable(references.get(key));
    }

    /** The keys this layer mentions. */
    public Set<SettingKey<?>> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public boolean isEmpty() {
        return values.isEmpty() && problems.isEmpty() && uninstalledKeys.isEmpty();
    }

    /**
     * Keys this layer sets that belong to a provider that is not installed ({@code sms.acme.account} without
     * the module of the provider {@code acme}). They are ignored unless a server that includes this layer chooses that provider, which is
     * then reported with the module to add.
     */
    public Set<String> uninstalledKeys() {
        return uninstalledKeys;
    }

    /**
     * The {@linkplain SettingKey#deprecatedNames() deprecated names} this layer was written with ({@code sms.sender}),
     * each with the key it sets. The layer holds the value under the key itself; {@link #equals} ignores how a key
     * was written.
     */
    public Map<String, SettingKey<?>> deprecatedNames() {
        return deprecatedNames;
    }

    /**
     * Entries of this layer that could not be read, keyed without a server prefix; only a
     * {@linkplain PropertiesFormat#isolatingInvalidServers() server-isolating} parse keeps them. Every server whose
     * settings include this layer reports them as problems and cannot send.
     */
    public List<Problem> problems() {
        return problems;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layer other && values.equals(other.values) && problems.equals(other.problems)
                && uninstalledKeys.equals(other.uninstalledKeys) && references.equals(other.references);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, problems, uninstalledKeys, references);
    }

    /** The keys and values; secrets print as {@code ********}, values read through a reference as the reference. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey().name() + "=" + (references.containsKey(e.getKey()) ? references.get(e.getKey())
                        : e.getValue().map(e.getKey()::format).orElse("")))
                .collect(Collectors.joining(", ", "Layer[", "]"));
    }

    /**
     * Sets a layer's values. Each method checks its argument and names the key in the error.
     * {@link #build()} copies, so a builder can be reused.
     *
     * <p>This class is not threadsafe.
     */
    public static final class Builder {
        private final SettingsSchema schema;
        private final Map<SettingKey<?>, Optional<?>> values;
        private final List<Problem> problems = new ArrayList<>();
        private final Set<String> uninstalledKeys = new LinkedHashSet<>();
        private final Map<SettingKey<?>, String> references = new LinkedHashMap<>();
        private final Map<String, SettingKey<?>> deprecatedNames = new LinkedHashMap<>();
        /** The name each key was set with through {@link #set(String, String)}, to refuse a key set under two names. */
        private final Map<SettingKey<?>, String> writtenAs = new LinkedHashMap<>();

        private Builder(SettingsSchema schema, Map<SettingKey<?>, Optional<?>> values) {
            this.schema = schema;
            this.values = new LinkedHashMap<>(values);
        }

        /**
         * Sets a value.
         *
         * @throws IllegalArgumentException naming the key when the value is out of range
         */
        public <T> Builder set(SettingKey<T> key, T value) {
            Objects.requireNonNull(key, "key");
            try {
                values.put(key, Optional.of(key.check(value)));
                references.remove(key);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(key.name() + ": " + e.getMessage(), e);
            }
            forgetName(key);
            return this;
        }

        /**
         * Sets a value from text, as written in a properties file ({@code set("sms.acme.port", "587")}); an
         * empty text {@linkplain #clear clears} the key. A {@linkplain SettingKey#deprecatedNames() deprecated name}
         * sets its key and is listed in {@link Layer#deprecatedNames()}.
         *
         * @throws IllegalArgumentException naming the key when the key is unknown, the text is not valid, or this
         *     builder already set the key under another of its names
         */
        public Builder set(String keyName, String text) {
            SettingKey<?> key = schema.key(keyName)
                    .orElseThrow(() -> new IllegalArgumentException(keyName + ": unknown setting"
                            + schema.didYouMean(keyName, "")));
            writtenAs(key, keyName);
            String trimmed = Objects.requireNonNull(text, keyName).strip();
            if (trimmed.isEmpty()) {
                return clear(key);
            }
            try {
                values.put(key, Optional.of(key.parse(trimmed)));
                references.remove(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(keyName + ": " + e.getMessage(), e);
            }
            return this;
        }

        /** Sets a value read through a reference; {@code written} is the value as written, shown instead of it. */
        Builder setReferenced(String keyName, String text, String written) {
            set(keyName, text);
            schema.key(keyName).ifPresent(key -> {
                if (values.get(key).isPresent()) {
                    references.put(key, written);
                }
            });
            return this;
        }

        /**
         * Sets the key to "no value" in this layer, so nothing is inherited from below.
         *
         * @throws IllegalArgumentException for keys with a default that are not {@linkplain SettingKey#isClearable()
         *     clearable} (remove them with {@link #unset} instead)
         */
        public Builder clear(SettingKey<?> key) {
            if (!key.isClearable()) {
                throw new IllegalArgumentException(key.name() + ": must not be empty (it has a default of "
                        + key.defaultDescription().orElse("its own") + "); remove the key to inherit the value");
            }
            values.put(key, Optional.empty());
            references.remove(key);
            return this;
        }

        /** Removes the key from this layer, so its value is inherited again. */
        public Builder unset(SettingKey<?> key) {
            values.remove(key);
            references.remove(key);
            forgetName(key);
            return this;
        }

        private void writtenAs(SettingKey<?> key, String keyName) {
            String earlier = writtenAs.putIfAbsent(key, keyName);
            if (earlier != null && !earlier.equals(keyName)) {
                String deprecated = earlier.equals(key.name()) ? keyName : earlier;
                String other = deprecated.equals(keyName) ? earlier : keyName;
                throw new IllegalArgumentException(keyName + ": " + deprecated + " and " + other + " are one setting, "
                        + "set twice (" + deprecated + " is its deprecated name): keep only " + key.name());
            }
            if (!keyName.equals(key.name())) {
                deprecatedNames.put(keyName, key);
            }
        }

        private void forgetName(SettingKey<?> key) {
            writtenAs.remove(key);
            deprecatedNames.values().removeIf(key::equals);
        }

        /**
         * Records an entry that could not be read. A key without a default stops inheritance, so a bad password
         * reference never lets a lower layer's password through.
         */
        Builder invalid(String keyName, String message) {
            SettingKey<?> key = schema.key(keyName).orElse(null);
            if (key == null) {
                problems.add(new Problem(keyName, message));
                return this;
            }
            problems.add(Problem.of(key, keyName, message));
            if (!key.hasDefault()) {
                values.put(key, Optional.empty());
            }
            return this;
        }

        Builder setSecret(String keyName, Secret secret) {
            SettingKey<?> key = schema.key(keyName)
                    .orElseThrow(() -> new IllegalArgumentException(keyName + ": unknown setting"));
            writtenAs(key, keyName);
            return setSecret(key, secret);
        }

        Builder setSecret(SettingKey<?> key, Secret secret) {
            if (!key.isSecret()) {
                throw new IllegalArgumentException(key.name() + ": is not a secret");
            }
            values.put(key, Optional.of(secret));
            references.remove(key);
            return this;
        }

        Builder uninstalled(String keyName) {
            uninstalledKeys.add(keyName);
            return this;
        }

        public Layer build() {
            return values.isEmpty() && problems.isEmpty() && uninstalledKeys.isEmpty() ? EMPTY
                    : new Layer(Collections.unmodifiableMap(new LinkedHashMap<>(values)), List.copyOf(problems),
                            Collections.unmodifiableSet(new LinkedHashSet<>(uninstalledKeys)),
                            Collections.unmodifiableMap(new LinkedHashMap<>(references)),
                            Collections.unmodifiableMap(new LinkedHashMap<>(deprecatedNames)));
        }
    }
}
