package dev.notify;

/**
 * Observes sends: for metrics, tracing and audit. Register listeners with
 * {@link NotifierBuilder#listener(SendListener)}. Each send reports {@code ATTEMPT_STARTED} before every attempt,
 * {@code ATTEMPT_FAILED} after each failed one, and ends with one {@code DELIVERED} or {@code GAVE_UP}; a send
 * refused before any attempt reports only {@code REJECTED}.
 *
 * <p>Listeners are called on the sending thread, in registration order, and must be quick and threadsafe. An
 * exception from a listener is logged (once per listener, then at debug level) and never changes a send.
 */
@FunctionalInterface
public interface SendListener {

    void onEvent(SendEvent event);

    /**
     * Whether this listener receives {@link SendEvent#personalData()}: addresses and server replies. Off by
     * default, because addresses are personal data.
     */
    default boolean wantsPersonalData() {
        return false;
    }

    /**
     * An SMS moved to a later delivery status, from a verified delivery receipt (see {@link DeliveryTracker}).
     * Called on the thread that applied the receipt (the callback endpoint's), in order for each message. Does
     * nothing by default.
     */
    default void onDelivery(DeliveryEvent event) {
    }
}
