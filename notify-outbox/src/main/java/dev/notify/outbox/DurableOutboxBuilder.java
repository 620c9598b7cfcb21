package dev.notify.outbox;

import dev.notify.Notifier;
import dev.notify.Scheduler;
import dev.notify.outbox.internal.DefaultOutbox;
import dev.notify.outbox.spi.Journal;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link DurableOutbox}. A journal is required; everything else has a default. This class is not
 * threadsafe.
 */
public final class DurableOutboxBuilder {

    private final Notifier notifier;
    private Journal journal;
    private Clock clock;
    private Scheduler scheduler;
    private int workers = 4;
    private int recordBatch = 64;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration closeTimeout = Duration.ofSeconds(30);
    private boolean delivering = true;

    DurableOutboxBuilder(Notifier notifier) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /** Where messages are kept: {@link FileJournal#in}, {@link JdbcJournal#builder}. The outbox closes it. */
    public DurableOutboxBuilder journal(Journal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
        return this;
    }

    /** The clock of enqueue times, due times and ages (default: the notifier's, {@link Notifier#clock()}). */
    public DurableOutboxBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Where the outbox waits for the next due message (default: the notifier's, {@link Notifier#scheduler()}). The
     * outbox never shuts a scheduler down.
     */
    public DurableOutboxBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /**
     * Attempts in flight at once (default 4).
     *
     * @throws IllegalArgumentException unless 1-256
     */
    public DurableOutboxBuilder workers(int workers) {
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be 1-256, was " + workers);
        }
        this.workers = workers;
        return this;
    }

    /**
     * How many messages the server accepted may wait at once for their outcomes to be journalled (default 64). The
     * outbox claims and attempts messages in batches of {@code recordBatch / (2 x workers)} (at least one): a batch's
     * messages for one server go to it together (one pipelined SMTP exchange on one connection, Graph's JSON
     * batches), and their outcomes are journalled in one step (one fsync, one commit). While one batch's outcomes are
     * made durable, the worker's next batch is already on the wire, so that delivery runs at the relay's speed rather
     * than the journal's. The price is the duplicate bound: a crash can leave up to
     * {@code max(recordBatch, 2 x workers)} messages that the server accepted but the journal has not recorded, each
     * sent again on the next start with its Message-ID. 0 sends one message at a time per worker and records its
     * outcome before the next: at most {@code workers} such messages, and one fsync or commit per message.
     *
     * @throws IllegalArgumentException unless 0-1024
     */
    public DurableOutboxBuilder recordBatch(int messages) {
        if (messages < 0 || messages > 1024) {
            throw new IllegalArgumentException("recordBatch must be 0-1024, was " + messages);
        }
        this.recordBatch = messages;
        return this;
    }

    /**
     * How often the journal is asked for due messages when nothing tells the outbox sooner (default 1 second):
     * a shared database journal gets messages other processes enqueued, and claims other processes lost.
     *
     * @throws IllegalArgumentException unless longer than zero
     */
    public DurableOutboxBuilder pollInterval(Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be longer than zero, was " + interval);
        }
        this.pollInterval = interval;
        return this;
    }

    /**
     * Whether this outbox delivers (default true). An outbox that does not only journals what is enqueued: for
     * processes that produce messages into a shared database journal that other processes deliver.
     */
    public DurableOutboxBuilder delivering(boolean deliver) {
        this.delivering = deliver;
        return this;
    }

    /** How long {@link DurableOutbox#close()} waits for attempts in flight (default 30 seconds). */
    public DurableOutboxBuilder closeTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative, was " + timeout);
        }
        this.closeTimeout = timeout;
        return this;
    }

    /**
     * Builds the outbox and starts delivering what the journal holds.
     *
     * @throws IllegalStateException when no journal was given, or the notifier's schema lacks the outbox's keys
     *     (register {@link OutboxSettings} with {@code Notifier.builder().settingsExtension(...)})
     */
    public DurableOutbox build() {
        if (journal == null) {
            throw new IllegalStateException("a journal is required: call journal(FileJournal.in(directory)) or "
                    + "journal(JdbcJournal.builder(dataSource).build())");
        }
        if (notifier.schema().key(OutboxSettings.MAX_AGE.name()).isEmpty()) {
            throw new IllegalStateException("the notifier does not know the outbox.* settings: build it with "
                    + ".settingsExtension(new OutboxSettings()) or with ServiceLoader discovery on");
        }
        return DefaultOutbox.start(new DefaultOutbox.Options(notifier, journal,
                clock == null ? notifier.clock() : clock, scheduler == null ? notifier.scheduler() : scheduler, workers,
                recordBatch, pollInterval, closeTimeout, delivering));
    }
}
