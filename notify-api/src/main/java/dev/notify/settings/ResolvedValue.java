package dev.notify.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * A key's effective value for one server, with the layer it came from. The value is empty when no layer sets
 * the key and it has no default, or when the nearest layer set it to empty on purpose.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param <T> the key's value type
 */
public final class ResolvedValue<T> {

    private final SettingKey<T> key;
    private final T value;
    private final Origin origin;

    ResolvedValue(SettingKey<T> key, T value, Origin origin) {
        this.key = key;
        this.value = value;
        this.origin = origin;
    }

    public SettingKey<T> key() {
        return key;
    }

    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    public Origin origin() {
        return origin;
    }

    /** The key as it would be written in the layer the value came from: {@code servers.eu-1.email.smtp.host}. */
    public String fullKey() {
        return (origin.kind() == Origin.Kind.DEFAULT ? "" : origin.keyPrefix()) + key.name();
    }

    /** The value as an administrator writes it; secrets print as {@code ********}, an empty value as "". */
    public String displayValue() {
        return key.format(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResolvedValue<?> other && key == other.key && Objects.equals(value, other.value)
                && origin.equals(other.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key.name(), value, origin);
    }

    /** {@code email.smtp.port=587 (global)}; secrets masked. */
    @Override
    public String toString() {
        return key.name() + "=" + displayValue() + " (" + origin + ")";
    }
}
