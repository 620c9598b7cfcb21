package dev.notify.outbox.spi;

import dev.notify.DeliveryStatus;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a {@link dev.notify.outbox.DurableOutbox} keeps its messages: each as an {@link OutboxEntry} and the
 * message's content as opaque bytes, which the outbox encodes (a versioned format of its own). Every method that
 * changes the journal returns only once the change is durable: an fsync, a committed transaction.
 *
 * <p>An entry the outbox is delivering is <em>claimed</em>: {@link #claimDue} never hands it out again until
 * {@link #update} or {@link #release}. A journal shared by several processes (a database) hands each due entry to
 * one of them, and takes a claim back when its holder does not finish in time (a crashed process); the entry is
 * then delivered again, with the same Message-ID.
 *
 * <p>Implementations must be threadsafe.
 */
public interface Journal extends AutoCloseable {

    /** An entry handed out for delivery, with its content. */
    record Claim(OutboxEntry entry, byte[] message) {
    }

    /**
     * Stores a new, pending entry and its content; returns once both are durable.
     *
     * @throws dev.notify.outbox.JournalException when they cannot be stored; then nothing of them is
     */
    void append(OutboxEntry entry, byte[] message);

    /** Claims up to {@code max} unclaimed entries due at {@code now}, the longest due first. */
    List<Claim> claimDue(Instant now, int max);

    /**
     * Stores the new state of a claimed entry and ends the claim; {@code message} replaces its content when not
     * null (the recipients still to deliver to). Returns once durable.
     *
     * @return false when the claim had been lost (taken over by another process): nothing was changed
     */
    boolean update(OutboxEntry entry, byte[] message);

    /** Ends a claim without a change: the entry is due again as it was. */
    void release(String id);

    /** The entry with this id, if the journal still has it. */
    Optional<OutboxEntry> find(String id);

    /** Up to {@code limit} entries in these states, oldest first. */
    List<OutboxEntry> list(Set<OutboxState> states, int limit);

    /** How many entries there are in each state; every state is a key. */
    Map<OutboxState, Long> counts();

    /** When the next unclaimed entry is due; empty when none is waiting. */
    Optional<Instant> nextDue();

    /**
     * Queues a failed entry again, due at {@code now}, with its age counted from then.
     *
     * @return false when there is no failed entry with this id
     */
    boolean requeue(String id, Instant now);

    /**
     * Removes entries for good, content included: those in {@code states}, or when {@code ids} is not empty only those of
     * them that are in {@code states}. Claimed entries are not removed.
     *
     * @return how many were removed
     */
    int purge(Set<OutboxState> states, Set<String> ids);

    /** Drops the final entries whose {@link OutboxEntry#keepUntil()} has passed, and reclaims their space. */
    void expire(Instant now);

    /**
     * Records on a final entry the delivery status a verified delivery receipt reported for its SMS
     * ({@link OutboxEntry#delivery()}); a status that does not move the entry's forward is ignored. Returns once
     * durable. The default keeps no delivery statuses.
     *
     * @return whether the entry now has that status: false when there is no final entry with this id, or the journal
     *     keeps no delivery statuses
     */
    default boolean recordDelivery(String id, DeliveryStatus status) {
        return false;
    }

    /** A short description of the journal's location for messages and the CLI, never with a password. */
    String describe();

    /** Releases files or connections; claims still held are released. Idempotent. */
    @Override
    void close();
}
