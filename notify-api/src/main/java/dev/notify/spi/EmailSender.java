package dev.notify.spi;

import dev.notify.DeliveryException;
import dev.notify.SettingsException;
import dev.notify.message.EmailMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Sender} of the email channel: what the {@link SenderProvider#create(SenderContext)} of a provider whose
 * {@link SenderProvider#channel()} is {@link dev.notify.Channel#EMAIL} returns. Implementations must be threadsafe.
 */
public interface EmailSender extends Sender {

    /**
     * Makes one delivery attempt. The notifier handles retries: a sender must not retry on its own. The message
     * is complete: its {@code from} and Message-ID are set.
     *
     * @return what the server accepted; recipients refused individually are listed in the delivery, and the
     *     call throws only when no recipient was accepted
     * @throws DeliveryException when nothing was accepted: {@code TransientDeliveryException} when a later
     *     attempt may succeed, {@code PermanentDeliveryException} when it will not
     * @throws SettingsException when the server rejects the settings (authentication failed), naming the keys
     */
    Delivery send(EmailMessage message);

    /**
     * Makes one delivery attempt, as {@link #send}, for a message that waited in a queue: an asynchronous send or the
     * outbox, never a caller's synchronous send. Several threads may call it at once for messages to the same server;
     * a sender may then carry them in one request to its server, as long as each call returns or throws its own
     * message's outcome, and no call waits for messages that are not already waiting. The default sends the message
     * alone.
     */
    default Delivery sendQueued(EmailMessage message) {
        return send(message);
    }

    /**
     * Makes one delivery attempt for each message, as {@link #sendQueued(EmailMessage)} does for one: messages that
     * waited in a queue (the outbox claims them together), all for this sender, handed over at once so that it can
     * carry them in one exchange with its server: one pipelined SMTP exchange on one connection, Graph's JSON
     * batches. The outcome of each message is its own: one refused or failed message does not fail the others. A
     * failure that leaves it unknown whether the server took a message (the connection dropped before its reply)
     * is reported for that message as transient, like a single send's, so that it is attempted again with the same
     * Message-ID. The default sends the messages one after another with {@link #sendQueued(EmailMessage)}.
     *
     * @return one outcome per message, in the order given
     */
    default List<SendOutcome> sendQueued(List<EmailMessage> messages) {
        List<SendOutcome> outcomes = new ArrayList<>(messages.size());
        for (EmailMessage message : messages) {
            try {
                outcomes.add(new SendOutcome.Delivered(sendQueued(message)));
            } catch (RuntimeException e) {
                outcomes.add(new SendOutcome.Failed(e));
            }
        }
        return outcomes;
    }
}
