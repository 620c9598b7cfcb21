package dev.notify;

/** Why a send, or one attempt of it, did not succeed; each maps to one kind of {@link NotifyException}. */
public enum FailureClass {
    /** A later attempt may succeed (SMTP 4xx, a timeout, HTTP 429/503): {@link TransientDeliveryException}. */
    TRANSIENT,
    /** The server refused the message (SMTP 5xx): {@link PermanentDeliveryException}. */
    PERMANENT,
    /** The settings cannot work (missing host, wrong password): {@link SettingsException}. */
    SETTINGS,
    /** The message cannot be sent as built: {@link InvalidMessageException}. */
    INVALID_MESSAGE,
    /** The notifier did not take the send (queue full, closed): {@link SendRejectedException}. */
    REJECTED;

    /** The class of an exception notify threw. */
    public static FailureClass of(NotifyException e) {
        if (e instanceof DeliveryException d) {
            return d.isTransient() ? TRANSIENT : PERMANENT;
        }
        if (e instanceof SettingsException) {
            return SETTINGS;
        }
        if (e instanceof InvalidMessageException) {
            return INVALID_MESSAGE;
        }
        return REJECTED;
    }
}
