package dev.notify.settings;

import dev.notify.message.EmailAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One setting: its key as written in properties ({@code sms.acme.port}), its value type, how text is parsed,
 * its default and whether it is a secret. The core declares the channel keys in {@link SettingKeys}; each
 * provider declares its own keys through {@link dev.notify.spi.ProviderSettings}, built with the factories here:
 *
 * <pre>{@code
 * static final SettingKey<String> HOST = SettingKey.host("sms.acme.host")
 *         .description("The Acme gateway's host name.")
 *         .build();
 * static final SettingKey<Integer> PORT = SettingKey.integer("sms.acme.port", 1, 65535)
 *         .defaultValue(443)
 *         .description("The gateway's port.")
 *         .build();
 * }</pre>
 *
 * <p>A key is identified by its name: two keys with the same name are equal. This class is immutable and
 * threadsafe.
 *
 * @param <T> the value type
 */
public final class SettingKey<T> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

    /** The values of other keys, for a default that depends on them. */
    @FunctionalInterface
    public interface Lookup {
        /** The effective value of {@code key} for the same server, or empty. */
        <V> Optional<V> find(SettingKey<V> key);
    }

    private final String name;
    private final Class<T> type;
    private final Function<String, T> parser;
    private final Function<T, String> check;
    private final Function<Lookup, T> defaultValue;
    private final String defaultDescription;
    private final String credentialGroup;
    private final String description;
    private final Function<T, String> formatter;
    private final List<String> allowedValues;
    private final String section;
    private final List<String> deprecatedNames;
    private final boolean clearable;

    private SettingKey(Builder<T> b) {
        this.name = b.name;
        this.type = b.type;
        this.parser = b.parser;
        this.check = b.check;
        this.defaultValue = b.defaultValue;
        this.credentialGroup = b.credentialGroup;
        this.description = b.description;
        this.formatter = b.formatter;
        this.allowedValues = b.allowedValues;
        this.section = b.section != null ? b.section : defaultSection(b.name);
        this.deprecatedNames = List.copyOf(b.deprecatedNames);
        this.clearable = b.clearable;
        this.defaultDescription = b.defaultDescription != null || b.fixedDefault == null ? b.defaultDescription
                : formatValue(b.fixedDefault);
    }

    /**
     * Starts a key of any type.
     *
     * @param name   the key without a server prefix: lower case, at least two dot-separated parts
     * @param parser turns an administrator's text (trimmed, references substituted) into a value, or throws
     *               IllegalArgumentException with a message that says what was expected and what was given
     * @throws IllegalArgumentException when the name is not a valid key name or starts with {@code servers.}
     */
    public static <T> Builder<T> builder(String name, Class<T> type, Function<String, T> parser) {
        return new Builder<>(name, type, parser);
    }

    /** A single line of text (no control characters). */
    public static Builder<String> text(String name) {
        return builder(name, String.class, ValueParsers::text);
    }

    /** A host name or IP address, without port or scheme. */
    public static Builder<String> host(String name) {
        return builder(name, String.class, ValueParsers::host);
    }

    /** A domain name such as {@code sms.example.net}. */
    public static Builder<String> domain(String name) {
        return builder(name, String.class, ValueParsers::domain);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Builder<Integer> integer(String name, int min, int max) {
        return builder(name, Integer.class, ValueParsers::integer).check(ValueParsers.range(min, max));
    }

    /** true or false (also yes/no, on/off). */
    public static Builder<Boolean> bool(String name) {
        return builder(name, Boolean.class, ValueParsers::bool);
    }

    /** A duration longer than zero, written {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 2d} or ISO-8601. */
    public static Builder<Duration> duration(String name) {
        return builder(name, Duration.class, ValueParsers::duration).check(ValueParsers::positive)
                .formatter(ValueParsers::formatDuration);
    }

    /** An {@code https://} (or {@code http://}) URL with a host and no query; a trailing slash is removed. */
    public static Builder<URI> url(String name) {
        return builder(name, URI.class, ValueParsers::httpsUrl);
    }

    /** A file path; relative paths resolve against the working directory. */
    public static Builder<Path> path(String name) {
        return builder(name, Path.class, ValueParsers::path);
    }

    /** A secret: printed as {@code ********} everywhere. */
    public static Builder<Secret> secret(String name) {
        return builder(name, Secret.class, Secret::of);
    }

    /** An email address, {@code Display Name <address>} or bare. */
    public static Builder<EmailAddress> mailbox(String name) {
        return builder(name, EmailAddress.class, ValueParsers::mailbox);
    }

    /** An identifier in lower case (letters, digits, '-', '.', '_'), such as a provider id. */
    public static Builder<String> identifier(String name) {
        return builder(name, String.class, ValueParsers::identifier);
    }

    /** One of an enum's constants, written as {@code id} gives it; {@link #allowedValues()} lists them. */
    public static <E extends Enum<E>> Builder<E> choice(String name, Class<E> type, Function<E, String> id) {
        E[] values = type.getEnumConstants();
        Builder<E> b = builder(name, type, s -> ValueParsers.choice(s, values, id)).formatter(id);
        b.allowedValues = Arrays.stream(values).map(id).toList();
        return b;
    }

    /** The key as written in a properties file, without any server prefix. */
    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** What the setting means, for reference docs, admin pages and {@code --help}. */
    public String description() {
        return description;
    }

    /** Whether the value is a {@link Secret}, printed as {@code ********}. */
    public boolean isSecret() {
        return type == Secret.class;
    }

    /**
     * The credential group this key belongs to, if any. All keys of a group come from the same layer: the
     * nearest layer that sets any of them.
     */
    public Optional<String> credentialGroup() {
        return Optional.ofNullable(credentialGroup);
    }

    /** The section an admin page shows the key in: {@code sms.acme} for {@code sms.acme.auth.username}. */
    public String section() {
        return section;
    }

    /** The values a choice accepts, as written; empty for other keys. */
    public List<String> allowedValues() {
        return allowedValues;
    }

    /**
     * The names this key was known by before: still read, with a warning that names {@link #name()}; a layer that
     * sets the key under two of its names is an error. Empty for most keys.
     */
    public List<String> deprecatedNames() {
        return deprecatedNames;
    }

    /**
     * Whether a layer may set this key to "no value" although it has a default (a template part a server does
     * without); keys without a default always may.
     */
    public boolean isClearable() {
        return clearable || defaultValue == null;
    }

    /** Whether a default applies when no layer sets the key. */
    public boolean hasDefault() {
        return defaultValue != null;
    }

    /** The default as documented, {@code 443 (80 when sms.acme.tls=false)}; empty when there is none. */
    public Optional<String> defaultDescription() {
        return Optional.ofNullable(defaultDescription);
    }

    /** Whether this key lies under {@code section} ({@code sms.acme}), or is that key itself. */
    public boolean isIn(String section) {
        return name.equals(section) || name.startsWith(section + ".");
    }

    /**
     * Parses an administrator's text (already trimmed, references substituted).
     *
     * @throws IllegalArgumentException with a message that says what was expected and what was given
     */
    public T parse(String text) {
        T value = parser.apply(text);
        check(value);
        return value;
    }

    /**
     * Checks a programmatically set value.
     *
     * @throws IllegalArgumentException naming this key when the value is out of range
     */
    public T check(T value) {
        Objects.requireNonNull(value, name);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(name + ": expected a " + type.getSimpleName() + ", was a "
                    + value.getClass().getSimpleName());
        }
        if (check != null) {
            String problem = check.apply(value);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        return value;
    }

    /** The value as an administrator writes it; secrets print as {@code ********}. */
    public String format(Object value) {
        if (value == null) {
            return "";
        }
        return isSecret() ? Secret.MASK : formatValue(type.cast(value));
    }

    private String formatValue(T value) {
        return formatter == null ? value.toString() : formatter.apply(value);
    }

    T defaultValue(Lookup lookup) {
        return defaultValue == null ? null : defaultValue.apply(lookup);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingKey<?> other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || name.startsWith("servers.")) {
            throw new IllegalArgumentException("a setting key must be lower case, dot-separated, with at least "
                    + "two parts and not under servers., was '" + name + "'");
        }
        return name;
    }

    private static String defaultSection(String name) {
        String[] parts = name.split("\\.");
        return parts.length <= 2 ? parts[0] : parts[0] + "." + parts[1];
    }

    /**
     * Describes a key. Each method checks its argument; {@link #build()} may be called more than once.
     *
     * <p>This class is not threadsafe.
     *
     * @param <T> the value type
     */
    public static final class Builder<T> {
        private final String name;
        private final Class<T> type;
        private final Function<String, T> parser;
        private Function<T, String> check;
        private Function<Lookup, T> defaultValue;
        private T fixedDefault;
        private String defaultDescription;
        private String credentialGroup;
        private String description = "";
        private Function<T, String> formatter;
        private List<String> allowedValues = List.of();
        private String section;
        private final List<String> deprecatedNames = new ArrayList<>();
        private boolean clearable;

        private Builder(String name, Class<T> type, Function<String, T> parser) {
            this.name = checkName(name);
            this.type = Objects.requireNonNull(type, "type");
            this.parser = Objects.requireNonNull(parser, "parser");
        }

        /** A further check of parsed and programmatic values: returns what is wrong, or null when the value is fine. */
        public Builder<T> check(Function<T, String> check) {
            Function<T, String> previous = this.check;
            Objects.requireNonNull(check, "check");
            this.check = previous == null ? check : v -> {
                String problem = previous.apply(v);
                return problem != null ? problem : check.apply(v);
            };
            return this;
        }

        /** The value when no layer sets the key. */
        public Builder<T> defaultValue(T value) {
            Objects.requireNonNull(value, "default of " + name);
            this.fixedDefault = value;
            this.defaultValue = lookup -> value;
            return this;
        }

        /**
         * A default computed from other keys of the same server ({@code 80 when sms.acme.tls=false}).
         *
         * @param documented how the reference and admin pages describe it
         */
        public Builder<T> defaultValue(Function<Lookup, T> value, String documented) {
            this.defaultValue = Objects.requireNonNull(value, "default of " + name);
            this.fixedDefault = null;
            this.defaultDescription = Objects.requireNonNull(documented, "documented default of " + name);
            return this;
        }

        /** The keys of one credential group always come from one layer; see {@link SettingKey#credentialGroup()}. */
        public Builder<T> credentialGroup(String group) {
            this.credentialGroup = Objects.requireNonNull(group, "credential group of " + name);
            return this;
        }

        /** What the setting means, in one or two sentences for an administrator. */
        public Builder<T> description(String description) {
            this.description = Objects.requireNonNull(description, "description of " + name);
            return this;
        }

        /** How a value is written back as text; the default is {@code toString()}. */
        public Builder<T> formatter(Function<T, String> formatter) {
            this.formatter = Objects.requireNonNull(formatter, "formatter of " + name);
            return this;
        }

        /** The values the parser accepts, as written, for admin pages to offer; set by {@link SettingKey#choice}. */
        public Builder<T> allowedValues(String... values) {
            this.allowedValues = List.of(values);
            return this;
        }

        /**
         * A name the key had before, still read from settings with a deprecation warning that names the current
         * one; see {@link SettingKey#deprecatedNames()}.
         *
         * @throws IllegalArgumentException when {@code oldName} is not a valid key name or is the key's own name
         */
        public Builder<T> deprecatedName(String oldName) {
            checkName(oldName);
            if (oldName.equals(name) || deprecatedNames.contains(oldName)) {
                throw new IllegalArgumentException("deprecated name of " + name + " given twice: " + oldName);
            }
            deprecatedNames.add(oldName);
            return this;
        }

        /** Lets a layer set the key to "no value" despite its default; see {@link SettingKey#isClearable()}. */
        public Builder<T> clearable() {
            this.clearable = true;
            return this;
        }

        /** The admin page section, when it is not the first two parts of the name. */
        public Builder<T> section(String section) {
            this.section = Objects.requireNonNull(section, "section of " + name);
            return this;
        }

        public SettingKey<T> build() {
            return new SettingKey<>(this);
        }
    }
}
