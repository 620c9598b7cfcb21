package dev.notify.outbox;

/** Where a message in a {@link DurableOutbox} stands. */
public enum OutboxState {
    /** Journalled, waiting for its first attempt. */
    PENDING,
    /** An attempt failed in a way that may pass (a 4xx, a timeout, broken settings); the next one is scheduled. */
    RETRYING,
    /** The server accepted the message for every recipient (accepted, not yet delivered to an inbox). */
    ACCEPTED,
    /** The server accepted the message for some recipients and refused the others for good. */
    PARTIALLY_ACCEPTED,
    /** Nothing was accepted and nothing more will be tried: refused, invalid, expired, or the channel is off. */
    FAILED;

    /** Whether no attempt follows. */
    public boolean isFinal() {
        return this == ACCEPTED || this == PARTIALLY_ACCEPTED || this == FAILED;
    }
}
