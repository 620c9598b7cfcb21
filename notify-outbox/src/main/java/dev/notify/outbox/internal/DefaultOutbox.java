package dev.notify.outbox.internal;

import dev.notify.Channel;
import dev.notify.Notifier;
import dev.notify.Scheduler;
import dev.notify.SendRejectedException;
import dev.notify.ServerNotifier;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.JournalException;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.ServerOutbox;
import dev.notify.outbox.spi.Journal;
import dev.notify.spi.MessageIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DurableOutbox}. One poller thread claims due entries in one batch, as many as there are free delivery
 * threads, and hands each to a thread. {@code workers} of the threads send at a time; a thread whose message the
 * server accepted gives its turn to send to the next one at once and waits, without holding a connection, for its
 * outcome to be durable: the outcomes waiting together are stored as one batch ({@link Recorder}: one fsync, one
 * transaction). There are {@code recordBatch} threads more than workers, so that while a batch is being stored the
 * next messages are on the wire; a crash can therefore leave at most {@code workers + recordBatch} accepted but
 * unrecorded messages, each sent again with its Message-ID. Listeners see {@code DELIVERED} only once the outcome
 * is durable.
 * The poller runs when a message is enqueued, when a thread finishes, when the next entry falls due (the
 * scheduler), and at least every poll interval. Claims of attempts in flight are renewed ({@link LeaseKeeper}).
 */
public final class DefaultOutbox implements DurableOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultOutbox.class);
    private static final AtomicInteger OUTBOXES = new AtomicInteger();
    private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);
    private static final Duration UNEXPECTED_RETRY = Duration.ofMinutes(1);

    /** Everything an outbox is built from; see {@code DurableOutboxBuilder}. */
    public record Options(Notifier notifier, Journal journal, Clock clock, Scheduler scheduler, int workers,
            int recordBatch, Duration pollInterval, Duration closeTimeout, boolean delivering) {
    }

    private final Notifier notifier;
    private final Journal journal;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ThreadPoolExecutor workers;
    private final ExecutorService poller;
    private final Semaphore free;
    private final Semaphore sending;
    private final AttemptRunner runner;
    private final Recorder recorder;
    private final LeaseKeeper leases;
    private final Duration pollInterval;
    private final Duration closeTimeout;
    private final boolean delivering;
    private final AtomicBoolean pollRequested = new AtomicBoolean();
    private volatile Scheduler.Cancellable wakeUp;
    private volatile Instant nextExpiry = Instant.MIN;
    private volatile boolean closed;
    private volatile boolean notifierClosed;

    private DefaultOutbox(Options o) {
        int id = OUTBOXES.incrementAndGet();
        this.notifier = o.notifier();
        this.journal = o.journal();
        this.clock = o.clock();
        this.scheduler = o.scheduler();
        this.pollInterval = o.pollInterval();
        this.closeTimeout = o.closeTimeout();
        this.delivering = o.delivering();
        int threadCount = o.workers() + o.recordBatch();
        this.free = new Semaphore(threadCount);
        this.sending = new Semaphore(o.workers());
        this.runner = new AttemptRunner(notifier, journal, clock);
        this.recorder = new Recorder(journal);
        this.leases = new LeaseKeeper(journal, clock, scheduler);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threadCount, threadCount, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "notify-outbox-" + id + "-worker-" + threads.incrementAndGet()));
        this.workers.allowCoreThreadTimeOut(true);
        this.poller = Executors.newSingleThreadExecutor(r -> daemon(r, "notify-outbox-" + id + "-poller"));
    }

    public static DefaultOutbox start(Options options) {
        DefaultOutbox outbox = new DefaultOutbox(options);
        if (outbox.delivering) {
            outbox.leases.start();
        }
        outbox.requestPoll();
        return outbox;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ---- enqueue ----

    @Override
    public ServerOutbox global() {
        return new Bound(null);
    }

    @Override
    public ServerOutbox server(String serverId) {
        notifier.server(serverId);
        return new Bound(serverId);
    }

    String enqueue(String server, Message message) {
        Objects.requireNonNull(message, "message");
        if (closed) {
            throw new SendRejectedException("the outbox is closed");
        }
        Message identified = message.messageId().isPresent() ? message : withMessageId(server, message);
        Channel channel = message instanceof EmailMessage ? Channel.EMAIL : Channel.SMS;
        OutboxEntry entry = OutboxEntry.pending(UUID.randomUUID().toString(), Optional.ofNullable(server), channel,
                identified.messageId().orElseThrow(), clock.instant());
        journal.append(entry, MessageCodec.encode(identified));
        requestPoll();
        return entry.id();
    }

    /** The message with a Message-ID from {@link MessageIds}, as the notifier would give it. */
    private Message withMessageId(String server, Message message) {
        ServerNotifier target = server == null ? notifier.global() : notifier.server(server);
        String id = MessageIds.generate(message, target.settings());
        return message instanceof EmailMessage email ? email.toBuilder().messageId(id).build()
                : ((SmsMessage) message).withMessageId(id);
    }

    // ---- delivery ----

    private void requestPoll() {
        if (closed || !delivering || notifierClosed || !pollRequested.compareAndSet(false, true)) {
            return;
        }
        try {
            poller.execute(this::poll);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pollRequested.set(false);
        }
    }

    private void poll() {
        pollRequested.set(false);
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        Duration wait = pollInterval;
        try {
            if (!now.isBefore(nextExpiry)) {
                nextExpiry = now.plus(EXPIRY_INTERVAL);
                journal.expire(now);
            }
            int slots = free.availablePermits();
            if (slots > 0) {
                List<Journal.Claim> claims = journal.claimDue(now, slots);
                for (Journal.Claim claim : claims) {
                    free.acquireUninterruptibly();
                    dispatch(claim);
                }
                if (claims.size() == slots) {
                    return;
                }
            }
            Optional<Instant> next = journal.nextDue();
            if (next.isPresent()) {
                Duration untilDue = Duration.between(now, next.get());
                wait = untilDue.compareTo(wait) < 0 ? untilDue : wait;
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox: the journal ({}) could not be read; trying again in {} ms: {}", journal.describe(),
                    pollInterval.toMillis(), e.getMessage());
        }
        Scheduler.Cancellable previous = wakeUp;
        if (previous != null) {
            previous.cancel();
        }
        wakeUp = scheduler.schedule(this::requestPoll, wait.isNegative() ? Duration.ZERO : wait);
    }

    private void dispatch(Journal.Claim claim) {
        try {
            workers.execute(() -> {
                try {
                    deliver(claim);
                } finally {
                    free.release();
                    requestPoll();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            free.release();
            journal.release(claim.entry().id());
        }
    }

    private void deliver(Journal.Claim claim) {
        LeaseKeeper.Held held = leases.hold(claim);
        SendingTurn turn = new SendingTurn();
        try {
            attempt(held, turn);
        } finally {
            turn.end();
            leases.done(held);
        }
    }

    private void attempt(LeaseKeeper.Held held, SendingTurn turn) {
        OutboxEntry entry = held.claim.entry();
        AttemptRunner.Next next;
        try {
            turn.take();
            next = runner.attempt(entry, held.claim.message(), outcome -> {
                turn.end();
                return record(held, outcome);
            });
        } catch (SendRejectedException e) {
            journal.release(entry.id());
            if (!notifierClosed) {
                notifierClosed = true;
                LOG.warn("Outbox: the notifier was closed before the outbox; delivery stops, and the queued messages "
                        + "wait in the journal ({}) for the next start", journal.describe());
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            journal.release(entry.id());
            return;
        } catch (RuntimeException e) {
            LOG.error("Outbox message {}: the attempt failed unexpectedly; it is tried again in {}", entry.id(),
                    UNEXPECTED_RETRY, e);
            next = new AttemptRunner.Next(entry.retrying(entry.attempts(), clock.instant().plus(UNEXPECTED_RETRY),
                    dev.notify.FailureClass.TRANSIENT, "unexpected: " + e, entry.accepted(), entry.rejected()), null);
        }
        turn.end();
        if (next.deferred()) {
            journal.release(entry.id());
        } else if (!next.recorded()) {
            record(held, next);
        }
    }

    /** A thread's turn to send: one of {@code workers}, given back as soon as the server has answered. */
    private final class SendingTurn {
        private boolean holding;

        void take() throws InterruptedException {
            sending.acquire();
            holding = true;
        }

        void end() {
            if (holding) {
                holding = false;
                sending.release();
            }
        }
    }

    /**
     * Journals the outcome of an attempt, with the outcomes of the other threads waiting at the same time; returns
     * whether it is durable. An attempt whose claim was lost records nothing.
     */
    private boolean record(LeaseKeeper.Held held, AttemptRunner.Next next) {
        String id = held.claim.entry().id();
        try {
            if (!held.lost() && recorder.record(Journal.Update.of(held.claim, next.entry(), next.message()))) {
                return true;
            }
            LOG.warn("Outbox message {}: another process took it over while it was being delivered (its claim "
                    + "expired); this attempt's outcome ({}) is not recorded", id, next.entry().state());
        } catch (JournalException e) {
            LOG.error("Outbox message {}: the outcome of its attempt ({}) could not be journalled, so it will be "
                    + "attempted again: {}", id, next.entry().state(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Outbox message {}: the outcome of its attempt ({}) could not be journalled, so it will be "
                    + "attempted again", id, next.entry().state(), e);
        }
        return false;
    }

    // ---- operations ----

    @Override
    public Optional<OutboxEntry> find(String id) {
        return journal.find(Objects.requireNonNull(id, "id"));
    }

    @Override
    public List<OutboxEntry> list(Set<OutboxState> states, int limit) {
        return journal.list(Set.copyOf(states), limit);
    }

    @Override
    public Map<OutboxState, Long> counts() {
        return journal.counts();
    }

    @Override
    public boolean retry(String id) {
        boolean requeued = journal.requeue(Objects.requireNonNull(id, "id"), clock.instant());
        requestPoll();
        return requeued;
    }

    @Override
    public int retryFailed() {
        int requeued = 0;
        Instant now = clock.instant();
        for (OutboxEntry entry : journal.list(EnumSet.of(OutboxState.FAILED), Integer.MAX_VALUE)) {
            requeued += journal.requeue(entry.id(), now) ? 1 : 0;
        }
        requestPoll();
        return requeued;
    }

    @Override
    public int purge(Set<OutboxState> states) {
        return journal.purge(Set.copyOf(states), Set.of());
    }

    // ---- lifecycle ----

    @Override
    public void shutdown(Duration timeout) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Scheduler.Cancellable pending = wakeUp;
        if (pending != null) {
            pending.cancel();
        }
        leases.stop();
        poller.shutdown();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Outbox closed with attempts still running; their messages stay queued and are attempted "
                        + "again on the next start");
                workers.shutdownNow();
            }
            poller.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }

    @Override
    public void close() {
        shutdown(closeTimeout);
    }

    @Override
    public String toString() {
        return "DurableOutbox[" + journal.describe() + "]";
    }

    private final class Bound implements ServerOutbox {
        private final String server;

        Bound(String server) {
            this.server = server;
        }

        @Override
        public Optional<String> serverId() {
            return Optional.ofNullable(server);
        }

        @Override
        public String enqueueEmail(EmailMessage message) {
            return enqueue(server, message);
        }

        @Override
        public String enqueueSms(SmsMessage message) {
            return enqueue(server, message);
        }

        @Override
        public String toString() {
            return "ServerOutbox[" + (server == null ? "global" : server) + "]";
        }
    }
}
