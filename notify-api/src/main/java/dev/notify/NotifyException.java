package dev.notify;

import java.util.Optional;

/**
 * Base of every exception notify throws. Subclasses are grouped by what the caller can do:
 * <ul>
 *   <li>{@link SettingsException}: an administrator must fix the settings; retrying will not help;</li>
 *   <li>{@link InvalidMessageException}: the calling code built a message that cannot be sent;</li>
 *   <li>{@link TransientDeliveryException}: delivery failed for now and may succeed later;</li>
 *   <li>{@link PermanentDeliveryException}: the server refused the message; resending it unchanged will fail again;</li>
 *   <li>{@link SendRejectedException}: the notifier could not take the send (queue full or closed).</li>
 * </ul>
 * Messages never contain a secret value.
 */
public abstract class NotifyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String server;
    private final String providerId;

    protected NotifyException(String message, String server, String providerId, Throwable cause) {
        super(message, cause);
        this.server = server;
        this.providerId = providerId;
    }

    /** The server whose settings were used, or empty for the global settings or when not known. */
    public Optional<String> server() {
        return Optional.ofNullable(server);
    }

    /** The id of the provider involved ({@code smtp}, {@code graph}, ...), when known. */
    public Optional<String> providerId() {
        return Optional.ofNullable(providerId);
    }
}
