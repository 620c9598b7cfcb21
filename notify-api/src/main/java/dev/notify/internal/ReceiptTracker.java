package dev.notify.internal;

import dev.notify.DeliveryEvent;
import dev.notify.DeliveryReceipt;
import dev.notify.DeliveryState;
import dev.notify.DeliveryStatus;
import dev.notify.DeliveryTracker;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DeliveryTracker} of a notifier: statuses in memory, moved forward under a lock per message, receipts
 * for ids no send has recorded yet looked up in the {@linkplain #addLookup lookups} (a journal remembering sends
 * before a restart), else kept in a bounded map until a send records the id. This class is threadsafe.
 */
public final class ReceiptTracker implements DeliveryTracker {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptTracker.class);

    private final Clock clock;
    private final Listeners listeners;
    private final int maxMessages;
    private final int maxPending;
    private final Map<String, Tracked> messages = new ConcurrentHashMap<>();
    private final Queue<Tracked> recorded = new ArrayDeque<>();
    private final Map<String, List<Waiting>> pending = new LinkedHashMap<>();
    private final Object pendingLock = new Object();
    private int pendingCount;
    private final List<Consumer<DeliveryEvent>> consumers = new CopyOnWriteArrayList<>();
    private final List<Function<DeliveryReceipt, Optional<DeliveryState>>> lookups = new CopyOnWriteArrayList<>();
    private final LongAdder applied = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder pendingTotal = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder refused = new LongAdder();

    ReceiptTracker(Clock clock, Listeners listeners) {
        this(clock, listeners, MAX_MESSAGES, MAX_PENDING);
    }

    ReceiptTracker(Clock clock, Listeners listeners, int maxMessages, int maxPending) {
        this.clock = clock;
        this.listeners = listeners;
        this.maxMessages = maxMessages;
        this.maxPending = maxPending;
    }

    private record Waiting(DeliveryReceipt receipt, Instant since) {
    }

    /**
     * Records an SMS the service accepted under {@code messageId} (ids joined with commas, as a multi-part SMS has,
     * are each recorded for the one message), then applies the receipts that came for it before.
     */
    void sent(String messageId, String smsMessageId, String server, String providerId) {
        Instant now = clock.instant();
        Tracked tracked = new Tracked(messageId, Optional.ofNullable(server), providerId,
                Optional.ofNullable(smsMessageId), now);
        List<String> ids = new ArrayList<>(List.of(messageId.split(",")));
        if (ids.size() > 1) {
            ids.add(0, messageId);
        }
        List<DeliveryReceipt> waiting = new ArrayList<>();
        synchronized (pendingLock) {
            for (String id : ids) {
                if (messages.putIfAbsent(id, tracked) == null) {
                    List<Waiting> early = pending.remove(id);
                    if (early != null) {
                        pendingCount -= early.size();
                        early.forEach(w -> waiting.add(w.receipt()));
                    }
                }
            }
            recorded.add(tracked);
            evict(now);
        }
        for (DeliveryReceipt receipt : waiting) {
            count(tracked.apply(receipt));
        }
    }

    @Override
    public Outcome apply(DeliveryReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        Tracked tracked = messages.get(receipt.messageId());
        if (tracked == null) {
            tracked = remembered(receipt);
        }
        if (tracked == null) {
            synchronized (pendingLock) {
                tracked = messages.get(receipt.messageId());
                if (tracked == null) {
                    keep(receipt, clock.instant());
                    pendingTotal.increment();
                    return Outcome.PENDING;
                }
            }
        }
        return count(tracked.apply(receipt));
    }

    /**
     * The message of {@code receipt} as a lookup remembers it, now tracked here (or what a send recorded meanwhile);
     * null when no lookup knows it.
     */
    private Tracked remembered(DeliveryReceipt receipt) {
        for (Function<DeliveryReceipt, Optional<DeliveryState>> lookup : lookups) {
            Optional<DeliveryState> found;
            try {
                found = lookup.apply(receipt);
            } catch (RuntimeException e) {
                LOG.warn("A delivery lookup failed for a {} receipt: {}", receipt.providerId(), e.toString());
                continue;
            }
            if (found.isPresent()) {
                DeliveryState state = found.get();
                Instant now = clock.instant();
                Tracked tracked = new Tracked(receipt.messageId(), state.serverId(), state.providerId(),
                        state.smsMessageId(), now, state.status());
                synchronized (pendingLock) {
                    Tracked current = messages.putIfAbsent(receipt.messageId(), tracked);
                    if (current != null) {
                        return current;
                    }
                    recorded.add(tracked);
                    evict(now);
                }
                return tracked;
            }
        }
        return null;
    }

    @Override
    public AutoCloseable addLookup(Function<DeliveryReceipt, Optional<DeliveryState>> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        lookups.add(lookup);
        return () -> lookups.remove(lookup);
    }

    @Override
    public void refused(String providerId) {
        refused.increment();
    }

    @Override
    public Optional<DeliveryState> find(String messageId) {
        Tracked tracked = messages.get(Objects.requireNonNull(messageId, "messageId"));
        return tracked == null ? Optional.empty() : Optional.of(tracked.state());
    }

    @Override
    public Counts counts() {
        return new Counts(applied.sum(), duplicates.sum(), stale.sum(), pendingTotal.sum(), dropped.sum(),
                refused.sum());
    }

    @Override
    public AutoCloseable subscribe(Consumer<DeliveryEvent> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        consumers.add(consumer);
        return () -> consumers.remove(consumer);
    }

    private Outcome count(Outcome outcome) {
        (switch (outcome) {
            case APPLIED -> applied;
            case DUPLICATE -> duplicates;
            case STALE -> stale;
            case PENDING -> pendingTotal;
        }).increment();
        return outcome;
    }

    /** Keeps an early receipt; drops the expired and, beyond the bound, the oldest. Holds {@code pendingLock}. */
    private void keep(DeliveryReceipt receipt, Instant now) {
        pending.computeIfAbsent(receipt.messageId(), id -> new ArrayList<>(2)).add(new Waiting(receipt, now));
        pendingCount++;
        Instant expired = now.minus(PENDING_FOR);
        Iterator<List<Waiting>> oldest = pending.values().iterator();
        while (oldest.hasNext()) {
            List<Waiting> first = oldest.next();
            if (pendingCount <= maxPending && first.get(0).since().isAfter(expired)) {
                break;
            }
            oldest.remove();
            pendingCount -= first.size();
            dropped.add(first.size());
        }
    }

    /** Forgets the statuses kept too long or beyond the bound, oldest first. Holds {@code pendingLock}. */
    private void evict(Instant now) {
        Instant expired = now.minus(KEEP_FOR);
        while (!recorded.isEmpty()
                && (recorded.size() > maxMessages || !recorded.peek().recordedAt.isAfter(expired))) {
            Tracked old = recorded.poll();
            messages.remove(old.messageId, old);
            if (old.messageId.indexOf(',') >= 0) {
                for (String part : old.messageId.split(",")) {
                    messages.remove(part, old);
                }
            }
        }
    }

    private void publish(DeliveryEvent event) {
        listeners.fire(event);
        for (Consumer<DeliveryEvent> consumer : consumers) {
            try {
                consumer.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("A delivery consumer threw on {} {}; ignored", event.messageId(), event.status(), e);
            }
        }
    }

    /** One message's status; its moves are serialised by its monitor. */
    private final class Tracked {
        final String messageId;
        final Optional<String> server;
        final String providerId;
        final Optional<String> smsMessageId;
        final Instant recordedAt;
        private DeliveryStatus status = DeliveryStatus.QUEUED;
        private int seen = 1 << DeliveryStatus.QUEUED.ordinal();
        private DeliveryReceipt receipt;
        private Instant updatedAt;

        Tracked(String messageId, Optional<String> server, String providerId, Optional<String> smsMessageId,
                Instant recordedAt) {
            this(messageId, server, providerId, smsMessageId, recordedAt, DeliveryStatus.QUEUED);
        }

        /** A message that already reached {@code status}: receipts up to it change nothing. */
        Tracked(String messageId, Optional<String> server, String providerId, Optional<String> smsMessageId,
                Instant recordedAt, DeliveryStatus status) {
            this.messageId = messageId;
            this.server = server;
            this.providerId = providerId;
            this.smsMessageId = smsMessageId;
            this.recordedAt = recordedAt;
            this.updatedAt = recordedAt;
            this.status = status;
            this.seen |= 1 << status.ordinal();
        }

        synchronized Outcome apply(DeliveryReceipt next) {
            int bit = 1 << next.status().ordinal();
            if ((seen & bit) != 0) {
                return Outcome.DUPLICATE;
            }
            seen |= bit;
            if (!next.status().movesOn(status)) {
                return Outcome.STALE;
            }
            DeliveryStatus previous = status;
            status = next.status();
            receipt = next;
            updatedAt = clock.instant();
            publish(new DeliveryEvent(updatedAt, server, smsMessageId, Optional.of(previous), next));
            return Outcome.APPLIED;
        }

        synchronized DeliveryState state() {
            return new DeliveryState(messageId, server, providerId, smsMessageId, status, Optional.ofNullable(receipt),
                    updatedAt);
        }
    }
}
