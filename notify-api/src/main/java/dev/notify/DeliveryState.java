package dev.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one SMS stands now, as {@link DeliveryTracker#find(String)} reports it.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param messageId    the service's id of the message, the {@link SendResult#messageId()} of its send
 * @param serverId     the server whose settings sent it; empty for the global settings
 * @param providerId   the provider that sent it
 * @param smsMessageId the Message-ID notify gave the SMS
 * @param status       its status: {@link DeliveryStatus#QUEUED} until a receipt says more
 * @param receipt      the receipt that set the status; empty while none came
 * @param updatedAt    when the status was set (the send, or the receipt), by the notifier's clock
 */
public record DeliveryState(String messageId, Optional<String> serverId, String providerId,
        Optional<String> smsMessageId, DeliveryStatus status, Optional<DeliveryReceipt> receipt, Instant updatedAt) {

    public DeliveryState {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(smsMessageId, "smsMessageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The service's error code of the receipt that set the status, if it gave one. */
    public Optional<String> errorCode() {
        return receipt.flatMap(DeliveryReceipt::errorCode);
    }

    /** What the error means, in plain language, if the receipt gave one. */
    public Optional<String> reason() {
        return receipt.flatMap(DeliveryReceipt::reason);
    }
}
