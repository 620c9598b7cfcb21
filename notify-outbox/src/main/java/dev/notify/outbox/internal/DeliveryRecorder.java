package dev.notify.outbox.internal;

import dev.notify.DeliveryEvent;
import dev.notify.DeliveryReceipt;
import dev.notify.DeliveryState;
import dev.notify.DeliveryStatus;
import dev.notify.Notifier;
import dev.notify.outbox.JournalException;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.spi.Journal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the delivery statuses of the outbox's SMS on their entries, across restarts. Subscribed to the notifier's
 * delivery tracker, it finds the entry of an event by the SMS's Message-ID: among the last {@value #MAX} SMS this
 * outbox enqueued or matched, else in the journal ({@link Journal#findByMessageId}). As the tracker's lookup, it
 * finds a receipt whose service id the tracker does not know (the SMS was sent before the notifier started) in the
 * journal, which keeps each accepted SMS's service id ({@link Journal#findByServiceMessageId}). Memory is bounded
 * by {@value #MAX} ids. This class is threadsafe.
 */
final class DeliveryRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);
    static final int MAX = 100_000;
    static final int MAX_EARLY = 10_000;

    private final Journal journal;
    private final Map<String, String> entryByMessageId = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX;
        }
    };
    /** Statuses that came before their entry's outcome was durable (a receipt within an fsync), by entry id. */
    private final Map<String, DeliveryStatus> beforeFinished = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeliveryStatus> eldest) {
            return size() > MAX_EARLY;
        }
    };
    private final AutoCloseable subscription;
    private final AutoCloseable lookup;

    private DeliveryRecorder(Notifier notifier, Journal journal) {
        this.journal = journal;
        this.subscription = registered(() -> notifier.deliveries().subscribe(this::record));
        this.lookup = registered(() -> notifier.deliveries().addLookup(this::remembered));
    }

    /** What {@code registration} returns; nothing to close when the notifier does not track deliveries. */
    private static AutoCloseable registered(java.util.function.Supplier<AutoCloseable> registration) {
        try {
            return registration.get();
        } catch (UnsupportedOperationException e) {
            return () -> { };
        }
    }

    static DeliveryRecorder subscribe(Notifier notifier, Journal journal) {
        return new DeliveryRecorder(notifier, journal);
    }

    /** Remembers which entry holds the SMS with this Message-ID. */
    synchronized void enqueued(String messageId, String entryId) {
        entryByMessageId.put(messageId, entryId);
    }

    private void record(DeliveryEvent event) {
        if (event.smsMessageId().isEmpty()) {
            return;
        }
        String messageId = event.smsMessageId().get();
        String entryId;
        synchronized (this) {
            entryId = entryByMessageId.get(messageId);
        }
        try {
            if (entryId == null) {
                entryId = journal.findByMessageId(messageId).map(OutboxEntry::id).orElse(null);
                if (entryId == null) {
                    return;
                }
                enqueued(messageId, entryId);
            }
            if (!journal.recordDelivery(entryId, event.status())) {
                synchronized (this) {
                    beforeFinished.merge(entryId, event.status(), (held, next) -> next.movesOn(held) ? next : held);
                }
            }
        } catch (JournalException e) {
            LOG.warn("Outbox: the delivery status {} of {} could not be journalled: {}", event.status(),
                    entryId == null ? "an SMS" : entryId, e.getMessage());
        }
    }

    /**
     * The entry's outcome is durable now: records the status a receipt reported before it was (the receipt raced
     * the outcome's fsync or commit).
     */
    void finished(String entryId) {
        DeliveryStatus early;
        synchronized (this) {
            if (beforeFinished.isEmpty()) {
                return;
            }
            early = beforeFinished.remove(entryId);
        }
        if (early != null) {
            try {
                journal.recordDelivery(entryId, early);
            } catch (JournalException e) {
                LOG.warn("Outbox: the delivery status {} of {} could not be journalled: {}", early, entryId,
                        e.getMessage());
            }
        }
    }

    /** The state of the SMS the receipt names, as the journal has it: for the tracker, after a restart. */
    private Optional<DeliveryState> remembered(DeliveryReceipt receipt) {
        Optional<OutboxEntry> found = journal.findByServiceMessageId(receipt.messageId());
        found.ifPresent(e -> enqueued(e.messageId(), e.id()));
        return found.map(e -> new DeliveryState(receipt.messageId(), e.serverId(), receipt.providerId(),
                Optional.of(e.messageId()), e.delivery().orElse(DeliveryStatus.QUEUED), Optional.empty(),
                e.finishedAt().orElse(e.enqueuedAt())));
    }

    @Override
    public void close() {
        for (AutoCloseable registration : new AutoCloseable[] {lookup, subscription}) {
            try {
                registration.close();
            } catch (Exception e) {
                LOG.debug("Outbox: unsubscribing from delivery statuses failed", e);
            }
        }
    }
}
