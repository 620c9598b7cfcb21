package dev.notify.outbox.internal;

import dev.notify.AttemptOutcome;
import dev.notify.Channel;
import dev.notify.Notifier;
import dev.notify.PlannedAttempt;
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
import dev.notify.outbox.OutboxStats;
import dev.notify.outbox.ServerOutbox;
import dev.notify.outbox.spi.Journal;
import dev.notify.spi.MessageIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
 * The {@link DurableOutbox}. One poller thread claims due entries for every free thread at once, and hands them to
 * the threads in batches of {@code recordBatch / (2 x workers)} entries (at least one). {@code workers} threads send
 * at a time: a batch's messages for one server go to the notifier together
 * ({@link ServerNotifier#attempt(List, java.util.function.Predicate)}: one pipelined SMTP exchange, Graph's JSON
 * batches), and as soon as the server has answered, the thread gives its turn to send to the next batch and makes
 * the batch's outcomes durable in one step ({@link Recorder}: one fsync, one transaction, shared with the other
 * threads' outcomes waiting at the same time). There are twice as many threads as workers, so that while a batch's
 * outcomes are being stored the next batch is on the wire; a crash can therefore leave at most
 * {@code max(recordBatch, 2 x workers)} accepted but unrecorded messages, each sent again with its Message-ID.
 * Listeners see {@code DELIVERED} only once the outcome is durable.
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
    /** Entries claimed and attempted together at most. */
    private final int batch;
    private final AttemptRunner runner;
    private final DeliveryRecorder deliveries;
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
        int threadCount = o.recordBatch() == 0 ? o.workers() : 2 * o.workers();
        this.batch = Math.max(1, o.recordBatch() / (2 * o.workers()));
        this.free = new Semaphore(threadCount);
        this.sending = new Semaphore(o.workers());
        this.runner = new AttemptRunner(notifier, journal, clock);
        this.recorder = new Recorder(journal, "notify-outbox-" + id + "-recorder", o.workers());
        this.leases = new LeaseKeeper(journal, clock, scheduler);
        this.deliveries = DeliveryRecorder.subscribe(notifier, journal);
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
        return new BoundOutbox(this, journal, null);
    }

    @Override
    public ServerOutbox server(String serverId) {
        notifier.server(serverId);
        return new BoundOutbox(this, journal, serverId);
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
        if (channel == Channel.SMS) {
            deliveries.enqueued(entry.messageId(), entry.id());
        }
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

    void requestPoll() {
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
                List<Journal.Claim> claims = journal.claimDue(now, slots * batch);
                for (int from = 0; from < claims.size(); from += batch) {
                    free.acquireUninterruptibly();
                    dispatch(List.copyOf(claims.subList(from, Math.min(claims.size(), from + batch))));
                }
                if (claims.size() == slots * batch) {
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
        Duration untilWakeUp = Duration.between(clock.instant(), now.plus(wait));
        wakeUp = scheduler.schedule(this::requestPoll, untilWakeUp.isNegative() ? Duration.ZERO : untilWakeUp);
    }

    private void dispatch(List<Journal.Claim> claims) {
        try {
            workers.execute(() -> {
                try {
                    deliver(claims);
                } finally {
                    free.release();
                    requestPoll();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            free.release();
            claims.forEach(c -> journal.release(c.entry().id()));
        }
    }

    private void deliver(List<Journal.Claim> claims) {
        Map<Optional<String>, List<LeaseKeeper.Held>> byServer = new LinkedHashMap<>();
        List<LeaseKeeper.Held> held = new ArrayList<>(claims.size());
        for (Journal.Claim claim : claims) {
            LeaseKeeper.Held h = leases.hold(claim);
            held.add(h);
            byServer.computeIfAbsent(claim.entry().serverId(), s -> new ArrayList<>()).add(h);
        }
        try {
            for (List<LeaseKeeper.Held> group : byServer.values()) {
                attempt(group);
            }
        } finally {
            held.forEach(leases::done);
        }
    }

    /** Attempts a batch's entries for one server together, then records their outcomes in one step. */
    private void attempt(List<LeaseKeeper.Held> group) {
        List<Outcome> outcomes = new ArrayList<>(group.size());
        List<AttemptRunner.Prepared> prepared = new ArrayList<>(group.size());
        Map<PlannedAttempt, LeaseKeeper.Held> heldBy = new IdentityHashMap<>();
        Map<PlannedAttempt, AttemptRunner.Prepared> preparedBy = new IdentityHashMap<>();
        for (LeaseKeeper.Held h : group) {
            Object ready = runner.prepare(h.claim.entry(), h.claim.message());
            if (ready instanceof AttemptRunner.Prepared p) {
                prepared.add(p);
                heldBy.put(p.planned, h);
                preparedBy.put(p.planned, p);
            } else {
                outcomes.add(new Outcome(h, (AttemptRunner.Next) ready));
            }
        }
        if (!prepared.isEmpty()) {
            SendingTurn turn = new SendingTurn();
            try {
                turn.take();
                List<AttemptOutcome> results = prepared.get(0).target.attempt(
                        prepared.stream().map(p -> p.planned).toList(), accepted -> {
                            turn.end();
                            return recordAccepted(accepted, heldBy, preparedBy);
                        });
                turn.end();
                for (int i = 0; i < prepared.size(); i++) {
                    AttemptRunner.Prepared p = prepared.get(i);
                    AttemptOutcome result = results.get(i);
                    LeaseKeeper.Held h = heldBy.get(p.planned);
                    if (result instanceof AttemptOutcome.Failed f && f.failure() instanceof SendRejectedException) {
                        notifierClosed();
                        outcomes.add(new Outcome(h, AttemptRunner.Next.DEFERRED));
                    } else {
                        outcomes.add(new Outcome(h, runner.next(p, result)));
                    }
                }
            } catch (SendRejectedException e) {
                notifierClosed();
                prepared.forEach(p -> outcomes.add(new Outcome(heldBy.get(p.planned), AttemptRunner.Next.DEFERRED)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                prepared.forEach(p -> outcomes.add(new Outcome(heldBy.get(p.planned), AttemptRunner.Next.DEFERRED)));
            } catch (RuntimeException e) {
                LOG.error("Outbox: the attempts of {} message(s) failed unexpectedly; they are tried again in {}",
                        prepared.size(), UNEXPECTED_RETRY, e);
                prepared.forEach(p -> outcomes.add(new Outcome(heldBy.get(p.planned),
                        runner.unexpected(p.entry, e, UNEXPECTED_RETRY))));
            } finally {
                turn.end();
            }
        }
        List<Outcome> toRecord = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            if (o.next.deferred()) {
                journal.release(o.held.claim.entry().id());
            } else if (!o.next.recorded()) {
                toRecord.add(o);
            }
        }
        record(toRecord);
    }

    /** An entry of a batch with its next state. */
    private record Outcome(LeaseKeeper.Held held, AttemptRunner.Next next) {
    }

    /** The batch's hook: the accepted messages' final states, durable before listeners see them delivered. */
    private boolean recordAccepted(List<PlannedAttempt.Accepted> accepted,
            Map<PlannedAttempt, LeaseKeeper.Held> heldBy, Map<PlannedAttempt, AttemptRunner.Prepared> preparedBy) {
        List<Outcome> outcomes = new ArrayList<>(accepted.size());
        for (PlannedAttempt.Accepted a : accepted) {
            AttemptRunner.Prepared p = preparedBy.get(a.attempt());
            outcomes.add(new Outcome(heldBy.get(a.attempt()),
                    new AttemptRunner.Next(runner.delivered(p, a.result()), null, true)));
        }
        return record(outcomes);
    }

    private void notifierClosed() {
        if (!notifierClosed) {
            notifierClosed = true;
            LOG.warn("Outbox: the notifier was closed before the outbox; delivery stops, and the queued messages "
                    + "wait in the journal ({}) for the next start", journal.describe());
        }
    }

    /**
     * A thread's turn to send: one of {@code workers}, given back as soon as the server has answered, which lets the
     * next batch go out while this one's outcomes are made durable.
     */
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
     * Journals the outcomes of a batch's attempts in one step, with the outcomes of the other threads waiting at the
     * same time; returns whether all are durable. An attempt whose claim was lost records nothing.
     */
    private boolean record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return true;
        }
        List<Outcome> held = new ArrayList<>(outcomes.size());
        boolean all = true;
        for (Outcome o : outcomes) {
            if (o.held.lost()) {
                lostClaim(o);
                all = false;
            } else {
                held.add(o);
            }
        }
        try {
            List<Boolean> stored = recorder.record(held.stream()
                    .map(o -> Journal.Update.of(o.held.claim, o.next.entry(), o.next.message())).toList());
            for (int i = 0; i < held.size(); i++) {
                if (!stored.get(i)) {
                    lostClaim(held.get(i));
                    all = false;
                } else if (held.get(i).next.entry().channel() == Channel.SMS) {
                    deliveries.finished(held.get(i).next.entry().id());
                }
            }
            return all;
        } catch (JournalException e) {
            LOG.error("Outbox: the outcomes of {} attempt(s) could not be journalled, so they will be attempted again: "
                    + "{}", held.size(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Outbox: the outcomes of {} attempt(s) could not be journalled, so they will be attempted again",
                    held.size(), e);
        }
        return false;
    }

    private static void lostClaim(Outcome o) {
        LOG.warn("Outbox message {}: another process took it over while it was being delivered (its claim expired); "
                + "this attempt's outcome ({}) is not recorded", o.held.claim.entry().id(), o.next.entry().state());
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
    public OutboxStats stats() {
        return journal.stats(clock.instant());
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
        deliveries.close();
        recorder.close();
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
}
