package dev.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One verified status report from an SMS service about a message it accepted: a delivery receipt. The service's own
 * status word and error code are kept as it wrote them, beside the provider-neutral {@link DeliveryStatus} and a
 * plain-language reason.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param providerId    the provider whose service reported it ({@code sms.delivery-method})
 * @param messageId     the service's id of the message: the {@link SendResult#messageId()} of its send
 * @param status        where the message stands
 * @param serviceStatus the status as the service wrote it ({@code delivered}, {@code DELIVERED_TO_HANDSET})
 * @param errorCode     the service's error code, for a message that did not arrive
 * @param reason        what the error code means, in plain language (carrier filtering, unreachable phone, ...)
 * @param reportedAt    when the service says the status was reached, when it says so
 */
public record DeliveryReceipt(String providerId, String messageId, DeliveryStatus status, String serviceStatus,
        Optional<String> errorCode, Optional<String> reason, Optional<Instant> reportedAt) {

    public DeliveryReceipt {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(serviceStatus, "serviceStatus");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }

    /** A receipt without an error, a reason or a time. */
    public static DeliveryReceipt of(String providerId, String messageId, DeliveryStatus status, String serviceStatus) {
        return new DeliveryReceipt(providerId, messageId, status, serviceStatus, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Override
    public String toString() {
        return "DeliveryReceipt[" + providerId + " " + messageId + " " + status + " (" + serviceStatus + ")"
                + errorCode.map(c -> " error " + c).orElse("") + reason.map(r -> ": " + r).orElse("") + "]";
    }
}
