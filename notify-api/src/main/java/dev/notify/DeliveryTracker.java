package dev.notify;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The delivery statuses of the SMS a {@link Notifier} sent, kept from verified delivery receipts: get it with
 * {@link Notifier#deliveries()}. The send records each SMS the service accepted (status {@link DeliveryStatus#QUEUED});
 * a receipt handler (the HTTP SMS providers' callback endpoint) {@link #apply applies} receipts, which move a message
 * forward only. Receipts are deduplicated on (message id, status): a receipt repeating a status the message had, or
 * naming an earlier one, changes nothing. A receipt for an id no send has recorded yet (it can arrive before the send
 * returns), and that no {@linkplain #addLookup lookup} knows (a durable outbox remembers sends across restarts), is
 * kept for {@link #PENDING_FOR} and applied when the send records the id; at most
 * {@value #MAX_PENDING} are kept, the oldest dropped first. Statuses are kept in memory for {@link #KEEP_FOR} after
 * their last change, for at most {@value #MAX_MESSAGES} messages, the oldest dropped first; times come from the
 * notifier's clock.
 *
 * <p>Each move is reported to the notifier's {@link SendListener#onDelivery} listeners and to the consumers added
 * with {@link #subscribe}, in order for each message. Implementations are threadsafe.
 */
public interface DeliveryTracker {

    /** How long a receipt for an id no send has recorded is kept. */
    java.time.Duration PENDING_FOR = java.time.Duration.ofMinutes(10);
    /** How many such receipts are kept at most. */
    int MAX_PENDING = 10_000;
    /** How long a message's status is kept after its last change. */
    java.time.Duration KEEP_FOR = java.time.Duration.ofDays(3);
    /** How many messages' statuses are kept at most. */
    int MAX_MESSAGES = 500_000;

    /** What became of a receipt. */
    enum Outcome {
        /** It moved the message forward; listeners were told. */
        APPLIED,
        /** The message already had this status: nothing changed. */
        DUPLICATE,
        /** The message is already further on: nothing changed. */
        STALE,
        /** No send has recorded the id yet: kept, and applied when one does. */
        PENDING
    }

    /** Counters since the notifier was built. */
    record Counts(long applied, long duplicates, long stale, long pending, long dropped, long refused) {
    }

    /** Applies a verified receipt. Never call it with a receipt whose signature was not checked. */
    Outcome apply(DeliveryReceipt receipt);

    /** Counts a callback that was refused (bad signature, unreadable) and so applied nothing. */
    void refused(String providerId);

    /** Where the message with this id (the {@link SendResult#messageId()} of its send) stands now. */
    Optional<DeliveryState> find(String messageId);

    /** The counters. */
    Counts counts();

    /**
     * Adds a consumer of every move, after the notifier's listeners: for modules built on a notifier (a durable
     * outbox). It must be quick and threadsafe; an exception from it is logged and ignored.
     *
     * @return closing it removes the consumer
     */
    AutoCloseable subscribe(Consumer<DeliveryEvent> consumer);

    /**
     * Adds a place that remembers sent SMS beyond this tracker's memory and across restarts (a durable outbox's
     * journal): a receipt for an id this tracker holds no status for is looked up there before it is kept as early.
     * {@code lookup} gets that receipt and returns the state of its message as remembered (its status, server and
     * {@link DeliveryState#smsMessageId()}), or empty; the receipt is then applied to that state, forward only, and
     * reported like any other. It may block briefly (a database query), must be threadsafe, and an exception from it
     * counts as empty.
     *
     * @return closing it removes the lookup
     * @throws UnsupportedOperationException from the default, a tracker that cannot look elsewhere
     */
    default AutoCloseable addLookup(Function<DeliveryReceipt, Optional<DeliveryState>> lookup) {
        throw new UnsupportedOperationException(getClass().getName() + " does not look up unknown ids");
    }
}
