package dev.notify.spring.boot.health;

import dev.notify.FailureClass;
import dev.notify.SendEvent;
import dev.notify.SendStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the last send of a server's channel ended, as the health endpoint shows it. No address, subject or server
 * reply is kept.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param outcome   {@code delivered}, {@code partially-delivered}, {@code gave-up} or {@code rejected}
 * @param time      when it ended, by the notifier's clock
 * @param provider  the provider, when one was chosen
 * @param attempts  attempts made
 * @param failure   why it failed, for {@code gave-up} and {@code rejected}
 * @param errorType the simple class name of the failure's exception
 * @param replyCode the server's reply code of the failure, when it gave one
 */
public record LastSend(String outcome, Instant time, Optional<String> provider, int attempts,
        Optional<FailureClass> failure, Optional<String> errorType, OptionalInt replyCode) {

    public LastSend {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(time, "time");
    }

    /** The outcome of a send's last event ({@code DELIVERED}, {@code GAVE_UP} or {@code REJECTED}). */
    static LastSend of(SendEvent event) {
        String outcome = switch (event.kind()) {
            case DELIVERED -> event.status().orElse(SendStatus.ACCEPTED) == SendStatus.PARTIALLY_ACCEPTED
                    ? "partially-delivered" : "delivered";
            case GAVE_UP -> "gave-up";
            default -> "rejected";
        };
        return new LastSend(outcome, event.time(), event.providerId(), event.attempt(), event.failure(),
                event.errorType(), event.replyCode());
    }

    /** Whether the message reached the server for at least one recipient. */
    public boolean delivered() {
        return outcome.endsWith("delivered");
    }

    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outcome", outcome);
        details.put("time", time.toString());
        provider.ifPresent(p -> details.put("provider", p));
        details.put("attempts", attempts);
        failure.ifPresent(f -> details.put("failure", f.name()));
        errorType.ifPresent(e -> details.put("errorType", e));
        replyCode.ifPresent(c -> details.put("replyCode", c));
        return details;
    }
}
