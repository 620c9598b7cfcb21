package dev.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An SMS moved to a later {@link DeliveryStatus}, reported to {@link SendListener#onDelivery} once per move. A
 * duplicate or late receipt, which moves nothing, reports nothing. Carries no text and no phone number.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param time         when notify applied the receipt, by the notifier's clock
 * @param serverId     the server whose settings sent the message; empty for the global settings
 * @param smsMessageId the Message-ID notify gave the SMS ({@code SmsMessage#messageId()}), which a durable outbox
 *                     records; empty when the send was not made through this notifier
 * @param previous     the status before, empty for the first receipt
 * @param receipt      the receipt that moved it
 */
public record DeliveryEvent(Instant time, Optional<String> serverId, Optional<String> smsMessageId,
        Optional<DeliveryStatus> previous, DeliveryReceipt receipt) {

    public DeliveryEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(smsMessageId, "smsMessageId");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(receipt, "receipt");
    }

    /** The service's id of the message, the {@link SendResult#messageId()} of its send. */
    public String messageId() {
        return receipt.messageId();
    }

    /** The status the message moved to. */
    public DeliveryStatus status() {
        return receipt.status();
    }
}
