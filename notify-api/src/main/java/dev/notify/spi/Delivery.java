package dev.notify.spi;

import dev.notify.RejectedRecipient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one delivery attempt achieved: the recipients the server accepted and those it refused, and details a
 * provider wants to report ({@code graph.request-id}, {@code sms.segments}).
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param messageId the Message-ID sent, or the provider's id for the message
 * @param accepted  addresses accepted by the server (accepted for delivery, not yet delivered)
 * @param rejected  addresses refused, with the server's reasons
 * @param details   provider-specific facts, never secrets
 */
public record Delivery(String messageId, List<String> accepted, List<RejectedRecipient> rejected,
        Map<String, String> details) {

    public Delivery {
        Objects.requireNonNull(messageId, "messageId");
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Every recipient accepted, no details. */
    public static Delivery accepted(String messageId, List<String> accepted) {
        return new Delivery(messageId, accepted, List.of(), Map.of());
    }

    /** The same delivery with one more detail. */
    public Delivery withDetail(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new Delivery(messageId, accepted, rejected, more);
    }
}
