package dev.notify.outbox;

import dev.notify.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Email and SMS that survive a crash: an enqueue returns once the message is durable in a journal (a directory,
 * or the host's database), and the outbox delivers it through the {@link Notifier} in the background, one
 * attempt at a time, with capped exponential backoff ({@code outbox.retry.*}) for as long as
 * {@code outbox.max-age} allows. Delivery is at least once: a process that dies after the server accepted a
 * message but before the journal recorded it sends it again, with the same Message-ID.
 *
 * <pre>{@code
 * DurableOutbox outbox = DurableOutbox.builder(notifier).journal(FileJournal.in(Path.of("outbox"))).build();
 * String id = outbox.server("eu-1").enqueueEmail(message);
 * outbox.find(id).map(OutboxEntry::state);   // PENDING, RETRYING, ACCEPTED, PARTIALLY_ACCEPTED, FAILED
 * }</pre>
 *
 * <p>Outcomes are reported to the notifier's {@link dev.notify.SendListener}s as {@link dev.notify.SendEvent}s,
 * and stay queryable by id for {@code outbox.keep-accepted} / {@code outbox.keep-failed}. A server whose settings
 * are broken keeps its messages queued, the problem being each attempt's failure, until the settings are fixed
 * or the messages expire. Implementations are threadsafe.
 */
public interface DurableOutbox extends AutoCloseable {

    /** Starts an outbox delivering through {@code notifier}; the notifier stays the host's to close. */
    static DurableOutboxBuilder builder(Notifier notifier) {
        return new DurableOutboxBuilder(notifier);
    }

    /** Enqueues with the global settings. */
    ServerOutbox global();

    /**
     * Enqueues with a server's settings.
     *
     * @throws IllegalArgumentException when the id is not 1-64 letters, digits, '-' or '_'
     */
    ServerOutbox server(String serverId);

    /** The message with this id, while the journal keeps it. */
    Optional<OutboxEntry> find(String id);

    /** Up to {@code limit} messages in these states, oldest first. */
    List<OutboxEntry> list(Set<OutboxState> states, int limit);

    /** How many messages are in each state, for health checks and metrics; every state is a key. */
    Map<OutboxState, Long> counts();

    /**
     * The outbox's figures now, for health checks, metrics and operators: the counts by state, how long the message
     * due longest has waited, and the servers paused or held back (a relay's 421/429, a spent rate budget), as the
     * journal holds them for every process sharing it.
     *
     * @throws JournalException when the journal cannot be read
     */
    default OutboxStats stats() {
        throw new UnsupportedOperationException("stats() is implemented by the outbox DurableOutbox.builder builds");
    }

    /**
     * Queues a failed message again, due now, its age counted from now.
     *
     * @return false when there is no failed message with this id
     */
    boolean retry(String id);

    /** Queues every failed message again; returns how many. */
    int retryFailed();

    /**
     * Removes messages in these states for good, content included; messages being delivered right now are not.
     *
     * @return how many were removed
     */
    int purge(Set<OutboxState> states);

    /**
     * Stops delivering: no new attempt starts, and attempts in flight get up to {@code timeout} to finish. Then
     * closes the journal. Queued messages stay in the journal for the next start. Idempotent.
     */
    void shutdown(Duration timeout);

    /** {@link #shutdown} with the builder's close timeout. */
    @Override
    void close();
}
