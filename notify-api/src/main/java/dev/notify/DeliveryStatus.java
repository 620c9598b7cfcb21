package dev.notify;

/**
 * Where an SMS stands after the service accepted it, as its delivery receipts (status callbacks) report. Statuses
 * only move forward, in this order: {@link #QUEUED}, then {@link #SENT}, then one of the final ones
 * ({@link #DELIVERED}, {@link #UNDELIVERED}, {@link #FAILED}). A receipt that arrives late with an earlier status,
 * or repeats one, changes nothing; once a message has a final status, it keeps it.
 */
public enum DeliveryStatus {
    /** The service has the message and has not yet handed it on. */
    QUEUED(0),
    /** The service handed the message to a carrier; the phone has not confirmed it. */
    SENT(1),
    /** The carrier reports that the phone received the message. Final. */
    DELIVERED(2),
    /** The carrier could not deliver it (phone off too long, unreachable, filtered). Final. */
    UNDELIVERED(2),
    /** The service did not send it (refused, unregistered sender, no route). Final. */
    FAILED(2);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    /** Whether no later status follows. */
    public boolean isFinal() {
        return rank == 2;
    }

    /** Whether a message with {@code current} moves to this status: only to a later step, never back or sideways. */
    public boolean movesOn(DeliveryStatus current) {
        return current == null || rank > current.rank;
    }
}
