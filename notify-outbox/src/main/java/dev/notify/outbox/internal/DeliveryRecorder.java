package dev.notify.outbox.internal;

import dev.notify.DeliveryEvent;
import dev.notify.Notifier;
import dev.notify.outbox.JournalException;
import dev.notify.outbox.spi.Journal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the delivery statuses of the outbox's SMS on their entries: subscribed to the notifier's delivery
 * tracker, it finds the entry of an event by the SMS's Message-ID among the last {@value #MAX} SMS this outbox
 * enqueued since it started. This class is threadsafe.
 */
final class DeliveryRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);
    static final int MAX = 100_000;

    private final Journal journal;
    private final Map<String, String> entryByMessageId = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX;
        }
    };
    private final AutoCloseable subscription;

    private DeliveryRecorder(Notifier notifier, Journal journal) {
        this.journal = journal;
        AutoCloseable subscribed;
        try {
            subscribed = notifier.deliveries().subscribe(this::record);
        } catch (UnsupportedOperationException e) {
            subscribed = () -> { };
        }
        this.subscription = subscribed;
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
        String entryId;
        synchronized (this) {
            entryId = entryByMessageId.get(event.smsMessageId().get());
        }
        if (entryId == null) {
            return;
        }
        try {
            journal.recordDelivery(entryId, event.status());
        } catch (JournalException e) {
            LOG.warn("Outbox: the delivery status {} of {} could not be journalled: {}", event.status(), entryId,
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Outbox: unsubscribing from delivery statuses failed", e);
        }
    }
}
