package dev.notify.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * A key's effective value for one server, with the layer it came from. The value is empty when no layer sets
 * the key and it has no default, or when the nearest layer set it to empty on purpose. An admin page shows
 * {@link #isInherited()} and {@link #origin()} as "inherited from global" next to the field.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param <T> the key's value type
 */
public final class ResolvedValue<T> {

    private final SettingKey<T> key;
    private final T value;
    private final Origin origin;
    private final String serverId;
    private final String reference;

    ResolvedValue(SettingKey<T> key, T value, Origin origin, String serverId) {
        this(key, value, origin, serverId, null);
    }

    /** @param reference the value as written when it was read through {@code ${env:...}} or {@code ${file:...}} */
    ResolvedValue(SettingKey<T> key, T value, Origin origin, String serverId, String reference) {
        this.key = key;
        this.value = value;
        this.origin = origin;
        this.serverId = serverId;
        this.reference = reference;
    }

    /** The same value and origin, as seen by another server that inherits it. */
    ResolvedValue<T> forServer(String otherServerId) {
        return Objects.equals(serverId, otherServerId) ? this : new ResolvedValue<>(key, value, origin, otherServerId, reference);
    }

    public SettingKey<T> key() {
        return key;
    }

    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /** The layer the value came from: the default, the global layer or a server's layer. */
    public Origin origin() {
        return origin;
    }

    /**
     * Whether the value comes from somewhere other than the layer being resolved: for a server, anything but its
     * own layer; for the global settings, the default.
     */
    public boolean isInherited() {
        return serverId == null ? origin.kind() == Origin.Kind.DEFAULT : !origin.equals(Origin.server(serverId));
    }

    /** The layer the value is inherited from, when {@link #isInherited()}. */
    public Optional<Origin> inheritedFrom() {
        return isInherited() ? Optional.of(origin) : Optional.empty();
    }

    /** The key as it would be written in the layer the value came from: {@code servers.eu-1.sms.acme.host}. */
    public String fullKey() {
        return (origin.kind() == Origin.Kind.DEFAULT ? "" : origin.keyPrefix()) + key.name();
    }

    /**
     * The value as an administrator writes it; secrets print as {@code ********}, an empty value as "". A value
     * read through {@code ${env:...}} or {@code ${file:...}} prints as written (the reference), whatever the key:
     * what a reference reads is treated as sensitive.
     */
    public String displayValue() {
        return reference != null ? reference : key.format(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResolvedValue<?> other && key.equals(other.key) && Objects.equals(value, other.value)
                && origin.equals(other.origin) && Objects.equals(serverId, other.serverId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key.name(), value, origin);
    }

    /** {@code sms.acme.port=587 (global)}; secrets masked. */
    @Override
    public String toString() {
        return key.name() + "=" + displayValue() + " (" + origin + ")";
    }
}
