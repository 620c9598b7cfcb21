package dev.notify.outbox;

import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import java.util.Optional;

/**
 * A {@link DurableOutbox} bound to one server's settings (or the global ones). Cheap to obtain.
 *
 * <p>An enqueue returns once the message is durable in the journal: from then on it is delivered at least once,
 * across crashes and restarts, or ends {@link OutboxState#FAILED} with a reason. The message gets its Message-ID
 * here (unless it has one), and every attempt sends that same Message-ID. Settings are read when the message is
 * delivered, not here. Implementations are threadsafe.
 */
public interface ServerOutbox {

    /** The server, or empty for the global settings. */
    Optional<String> serverId();

    /**
     * Journals an email for delivery with this server's settings.
     *
     * @return the outbox's id of the message, for {@link DurableOutbox#find(String)}
     * @throws JournalException when it could not be journalled (a full disk, a database down): nothing was queued
     * @throws dev.notify.SendRejectedException when the outbox is closed
     */
    String enqueueEmail(EmailMessage message);

    /**
     * Journals an SMS for delivery with this server's settings.
     *
     * @return the outbox's id of the message
     * @throws JournalException when it could not be journalled: nothing was queued
     * @throws dev.notify.SendRejectedException when the outbox is closed
     */
    String enqueueSms(SmsMessage message);

    /**
     * Pauses delivery through this server (a relay under maintenance) for every process sharing the journal: its
     * messages stay queued, enqueues go on, attempts already running finish. The pause lasts across restarts until
     * {@link #resume()}; {@code outbox.max-age} keeps counting. Idempotent.
     *
     * @throws JournalException when the pause cannot be stored
     */
    default void pause() {
        throw new UnsupportedOperationException("pause() is implemented by the outbox DurableOutbox.builder builds");
    }

    /**
     * Resumes delivery through this server; its due messages are sent at once. Idempotent.
     *
     * @throws JournalException when the change cannot be stored
     */
    default void resume() {
        throw new UnsupportedOperationException("resume() is implemented by the outbox DurableOutbox.builder builds");
    }
}
