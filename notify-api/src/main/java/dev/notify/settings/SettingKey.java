package dev.notify.settings;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One setting: its key as written in properties ({@code email.smtp.port}), its value type, how text is parsed,
 * its default and whether it is a secret. Every key notify knows is a constant of {@link SettingKeys}.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param <T> the value type: String, Integer, Boolean, Duration, URI, Path, an enum, EmailAddress or Secret
 */
public final class SettingKey<T> {

    private final String name;
    private final Class<T> type;
    private final Function<String, T> parser;
    private final Function<T, String> check;
    private final Function<Function<SettingKey<?>, Object>, T> defaultValue;
    private final String defaultDescription;
    private final String credentialGroup;
    private final String description;
    private final Function<T, String> formatter;

    private SettingKey(Builder<T> b) {
        this.name = b.name;
        this.type = b.type;
        this.parser = b.parser;
        this.check = b.check;
        this.defaultValue = b.defaultValue;
        this.defaultDescription = b.defaultDescription;
        this.credentialGroup = b.credentialGroup;
        this.description = b.description;
        this.formatter = b.formatter;
    }

    static <T> Builder<T> builder(String name, Class<T> type, Function<String, T> parser) {
        return new Builder<>(name, type, parser);
    }

    /** The key as written in a properties file, without any server prefix. */
    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** What the setting means, for reference docs and {@code --help}. */
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

    /** Whether a default applies when no layer sets the key. */
    public boolean hasDefault() {
        return defaultValue != null;
    }

    /** The default as documented, {@code 25 (465 when email.smtp.tls=implicit)}; empty when there is none. */
    public Optional<String> defaultDescription() {
        return Optional.ofNullable(defaultDescription);
    }

    /** Whether this key lies under {@code section} ({@code email.smtp}), or is that key itself. */
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
        if (isSecret()) {
            return Secret.MASK;
        }
        return formatter == null ? value.toString() : formatter.apply(type.cast(value));
    }

    T defaultValue(Function<SettingKey<?>, Object> resolved) {
        return defaultValue == null ? null : defaultValue.apply(resolved);
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Builder<T> {
        private final String name;
        private final Class<T> type;
        private final Function<String, T> parser;
        private Function<T, String> check;
        private Function<Function<SettingKey<?>, Object>, T> defaultValue;
        private String defaultDescription;
        private String credentialGroup;
        private String description = "";
        private Function<T, String> formatter;

        private Builder(String name, Class<T> type, Function<String, T> parser) {
            this.name = name;
            this.type = type;
            this.parser = parser;
        }

        Builder<T> check(Function<T, String> check) {
            this.check = check;
            return this;
        }

        Builder<T> defaultValue(T value) {
            this.defaultValue = resolved -> value;
            this.defaultDescription = value instanceof Enum<?> || formatter != null ? null : String.valueOf(value);
            return this;
        }

        Builder<T> defaultValue(Function<Function<SettingKey<?>, Object>, T> value, String documented) {
            this.defaultValue = value;
            this.defaultDescription = documented;
            return this;
        }

        Builder<T> documentedDefault(String documented) {
            this.defaultDescription = documented;
            return this;
        }

        Builder<T> credentialGroup(String group) {
            this.credentialGroup = group;
            return this;
        }

        Builder<T> description(String description) {
            this.description = description;
            return this;
        }

        Builder<T> formatter(Function<T, String> formatter) {
            this.formatter = formatter;
            return this;
        }

        SettingKey<T> build() {
            return new SettingKey<>(this);
        }
    }
}
