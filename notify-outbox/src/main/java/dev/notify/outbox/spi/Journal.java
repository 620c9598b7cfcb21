package dev.notify.outbox.spi;

import dev.notify.DeliveryStatus;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.OutboxStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * <p>A journal with {@linkplain #lease() leases} takes a claim back once its lease runs out; the outbox
 * {@linkplain #renew renews} the leases of attempts still running. Each claim carries a fencing token, so that an
 * outcome reported under a claim that was lost and given to someone else changes nothing.
 *
 * <p>Per server (named by its id, the global settings by {@link #GLOBAL}) the journal also holds what every process
 * sharing it must obey: whether delivery is {@linkplain #pause paused}, until when it is
 * {@linkplain #slowDown slowed down}, and its {@linkplain #takeBudget rate budget}. {@link #claimDue} hands out no
 * entry of a server that is paused or held until later.
 *
 * <p>The methods added after the first release have default implementations for journals written against it:
 * no leases, no fencing beyond {@link #update(OutboxEntry, byte[])}, no pause, no budget.
 *
 * <p>Implementations must be threadsafe.
 */
public interface Journal extends AutoCloseable {

    /** The server name of entries sent with the global settings: {@code entry.serverId().orElse(GLOBAL)}. */
    String GLOBAL = "";

    /**
     * An entry handed out for delivery, with its content.
     *
     * @param token the claim's fencing token: different for every claim of the same entry (a journal may count
     *              them up); 0 from journals without fencing
     */
    record Claim(OutboxEntry entry, byte[] message, long token) {
        /** A claim without a fencing token (0). */
        public Claim(OutboxEntry entry, byte[] message) {
            this(entry, message, 0);
        }

        /** The server of the claimed entry: its id, or {@link #GLOBAL}. */
        public String server() {
            return entry.serverId().orElse(GLOBAL);
        }
    }

    /**
     * The new state of a claimed entry, ending its claim.
     *
     * @param entry   the new state
     * @param message the new content (the recipients still to deliver to), or null to keep it
     * @param token   the {@link Claim#token()} of the claim it ends
     */
    record Update(OutboxEntry entry, byte[] message, long token) {
        /** The update of {@code claim}'s entry to {@code next}, with new content or null. */
        public static Update of(Claim claim, OutboxEntry next, byte[] message) {
            return new Update(next, message, claim.token());
        }
    }

    /**
     * A server's rate limits, from its settings; 0 is no limit.
     *
     * @param messagesPerMinute at most this many messages in any 60 seconds
     * @param recipientsPerDay  at most this many recipients in any 24 hours
     */
    record RateLimit(int messagesPerMinute, int recipientsPerDay) {
        public static final RateLimit NONE = new RateLimit(0, 0);

        public RateLimit {
            if (messagesPerMinute < 0 || recipientsPerDay < 0) {
                throw new IllegalArgumentException("rate limits must not be negative, were " + messagesPerMinute
                        + "/min and " + recipientsPerDay + "/day");
            }
        }

        /** Whether it limits anything. */
        public boolean isLimited() {
            return messagesPerMinute > 0 || recipientsPerDay > 0;
        }
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

    /**
     * Stores the new states of claimed entries in one durable step (one fsync, one transaction), each only while
     * its claim, fenced by its token, is still held. Returns once durable.
     *
     * <p>The default calls {@link #update(OutboxEntry, byte[])} for each, ignoring the tokens.
     *
     * @return for each update, in order, whether it was stored (false: its claim had been lost, nothing changed)
     * @throws dev.notify.outbox.JournalException when they could not be stored; then none of them was, and their
     *     claims are ended as by {@link #release}
     */
    default List<Boolean> update(List<Update> updates) {
        List<Boolean> stored = new ArrayList<>(updates.size());
        for (Update u : updates) {
            stored.add(update(u.entry(), u.message()));
        }
        return stored;
    }

    /** Ends a claim without a change: the entry is due again as it was. */
    void release(String id);

    /**
     * How long a claim holds before the journal may hand its entry out again, unless {@linkplain #renew renewed};
     * empty when claims hold until updated or released (a journal one process owns). The outbox renews leases
     * of attempts still running well before they run out (every third of the lease).
     *
     * <p>The default is empty.
     */
    default Optional<Duration> lease() {
        return Optional.empty();
    }

    /**
     * Extends the leases of these claims (attempts still running) to {@code now} plus {@link #lease()}, each only
     * while the claim, fenced by its token, is still held.
     *
     * <p>The default holds them all: claims without leases do not run out.
     *
     * @return for each claim, in order, whether it is still held; a worker whose claim is not held must not
     *     report its attempt's outcome as the entry's state (another process may be delivering it)
     */
    default List<Boolean> renew(List<Claim> claims, Instant now) {
        return claims.stream().map(c -> Boolean.TRUE).toList();
    }

    /**
     * Pauses delivery through a server for every process sharing the journal: {@link #claimDue} hands out none of
     * its entries until {@link #resume}; they stay queued, and a pause lasts across restarts. Claims already
     * handed out are not affected. Idempotent.
     *
     * @param server a server id, or {@link #GLOBAL}
     * @throws UnsupportedOperationException from the default: a journal that cannot pause
     */
    default void pause(String server) {
        throw new UnsupportedOperationException(describe() + " cannot pause a server");
    }

    /**
     * Resumes delivery through a paused server. Idempotent.
     *
     * @throws UnsupportedOperationException from the default: a journal that cannot pause
     */
    default void resume(String server) {
        throw new UnsupportedOperationException(describe() + " cannot pause a server");
    }

    /**
     * Holds a server until {@code until}, for every process sharing the journal: {@link #claimDue} hands out none
     * of its entries before then. Called when a relay asks to slow down (SMTP 421, HTTP 429); a later hold wins
     * over an earlier one, never the other way round. Need not survive a restart.
     *
     * <p>The default does nothing.
     */
    default void slowDown(String server, Instant until) {
    }

    /**
     * Takes one message to {@code recipients} recipients from a server's budget under {@code limit}: when it fits,
     * counts it and returns empty. Otherwise counts nothing, holds the server as {@link #slowDown} does until the
     * message would fit, and returns that time. The budget is shared by every process using the journal (a database
     * journal keeps it in the database).
     *
     * <p>The journals of this module decide with one rule ({@code dev.notify.outbox.internal.RateBudget}): messages
     * go at a steady pace of one per {@code (60 s + 3 s) / messagesPerMinute}, a message up to 1 s ahead of it, and
     * recipients are counted over the last {@code 24 h + 2 s} in five-minute buckets, so that a relay counting a
     * message up to 2 s after it was taken sees no more than {@code limit.messagesPerMinute()} messages in any 60
     * seconds, nor {@code limit.recipientsPerDay()} recipients in any 24 hours. A message with more recipients than
     * the daily limit goes alone, once no recipient is counted in the day.
     *
     * <p>The default counts nothing and lets everything through.
     *
     * @return empty when the message may be sent now; else when it may be sent
     */
    default Optional<Instant> takeBudget(String server, int recipients, Instant now, RateLimit limit) {
        return Optional.empty();
    }

    /** The entry with this id, if the journal still has it. */
    Optional<OutboxEntry> find(String id);

    /** Up to {@code limit} entries in these states, oldest first. */
    List<OutboxEntry> list(Set<OutboxState> states, int limit);

    /** How many entries there are in each state; every state is a key. */
    Map<OutboxState, Long> counts();

    /**
     * The journal's figures at {@code now}: {@link #counts()}, when the entry that has been due the longest fell due
     * (the earliest next attempt, at or before {@code now}, of the unclaimed waiting entries, paused servers'
     * included), the paused servers and the servers held past {@code now} (slowed down or out of budget).
     *
     * <p>The default has the counts, {@link #nextDue()} when it is not after {@code now}, and no servers.
     */
    default OutboxStats stats(Instant now) {
        return new OutboxStats(now, counts(), nextDue().filter(t -> !t.isAfter(now)), Set.of(),
                Map.of());
    }

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

    /**
     * The entry whose message has this Message-ID ({@link OutboxEntry#messageId()}), if the journal still has it.
     * Journals index it (a database index, a map rebuilt when the journal is opened), so that a delivery receipt for
     * an SMS enqueued before a restart finds its entry.
     *
     * <p>The default finds nothing: a journal written against the first SPI keeps no such index.
     */
    default Optional<OutboxEntry> findByMessageId(String messageId) {
        return Optional.empty();
    }

    /**
     * The entry of the SMS its service accepted under this id ({@link OutboxEntry#serviceMessageId()}, the id its
     * delivery receipts name; for an SMS sent in parts, whose service ids are joined with commas, any one of them),
     * if the journal still has it. Indexed like {@link #findByMessageId}.
     *
     * <p>The default finds nothing.
     */
    default Optional<OutboxEntry> findByServiceMessageId(String serviceMessageId) {
        return Optional.empty();
    }

    /** A short description of the journal's location for messages and the CLI, never with a password. */
    String describe();

    /** Releases files or connections; claims still held are released. Idempotent. */
    @Override
    void close();
}
