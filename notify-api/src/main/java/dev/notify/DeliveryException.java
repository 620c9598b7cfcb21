package dev.notify;

import dev.notify.internal.CoreAccess;
import dev.notify.spi.RetryAfter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Delivery failed. {@link TransientDeliveryException} means a later attempt may succeed (SMTP 4xx, a dropped
 * connection, a timeout, HTTP 429/503); {@link PermanentDeliveryException} means the server refused the
 * message (SMTP 5xx, HTTP 4xx). When thrown by a {@code Notifier}, the retries allowed by the settings have
 * already been made: {@link #attempts()} says how many.
 */
public abstract class DeliveryException extends NotifyException {

    private static final long serialVersionUID = 1L;

    private final Integer replyCode;
    private final Duration retryAfter;
    private final List<RejectedRecipient> rejectedRecipients;
    private final int attempts;

    protected DeliveryException(String message, Details details, Throwable cause) {
        super(message, details.server, details.providerId, cause);
        this.replyCode = details.replyCode;
        this.retryAfter = details.retryAfter;
        this.rejectedRecipients = List.copyOf(details.rejectedRecipients);
        this.attempts = details.attempts;
    }

    /** Whether a later attempt may succeed. */
    public abstract boolean isTransient();

    /** The server's reply code (SMTP or HTTP status) that caused the failure, if there was one. */
    public OptionalInt replyCode() {
        return replyCode == null ? OptionalInt.empty() : OptionalInt.of(replyCode);
    }

    /** The delay the server asked for before the next attempt (HTTP {@code Retry-After}), if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Recipients refused individually, with the server's reasons. */
    public List<RejectedRecipient> rejectedRecipients() {
        return rejectedRecipients;
    }

    /** Attempts made before giving up: 1 for a provider's own exception, the total when thrown by a notifier. */
    public int attempts() {
        return attempts;
    }

    static {
        CoreAccess.register((CoreAccess.Failures) (e, server, providerId, attempts) ->
                e.withContext(server, providerId, attempts));
    }

    /** The same failure with the notifier's context added. */
    abstract DeliveryException withContext(String server, String providerId, int attempts);

    protected Details details() {
        return new Details(replyCode, retryAfter, rejectedRecipients, server().orElse(null),
                providerId().orElse(null), attempts);
    }

    /** What a provider knows about a failure; build with {@link #of()}. This class is immutable. */
    public static final class Details {
        final Integer replyCode;
        final Duration retryAfter;
        final List<RejectedRecipient> rejectedRecipients;
        final String server;
        final String providerId;
        final int attempts;

        Details(Integer replyCode, Duration retryAfter, List<RejectedRecipient> rejectedRecipients,
                String server, String providerId, int attempts) {
            this.replyCode = replyCode;
            this.retryAfter = retryAfter;
            this.rejectedRecipients = List.copyOf(rejectedRecipients);
            this.server = server;
            this.providerId = providerId;
            this.attempts = attempts;
        }

        /** No reply code, no delay, no rejected recipients, one attempt. */
        public static Details of() {
            return new Details(null, null, List.of(), null, null, 1);
        }

        public Details replyCode(int code) {
            return new Details(code, retryAfter, rejectedRecipients, server, providerId, attempts);
        }

        /**
         * A copy with the delay the server asked for; one over {@link RetryAfter#MAXIMUM} is capped to it, a negative
         * one is zero. Details are immutable: use the returned value.
         */
        public Details retryAfter(Duration delay) {
            return new Details(replyCode, delay == null ? null : RetryAfter.capped(delay), rejectedRecipients, server,
                    providerId, attempts);
        }

        public Details rejectedRecipients(List<RejectedRecipient> recipients) {
            return new Details(replyCode, retryAfter, recipients, server, providerId, attempts);
        }

        Details context(String newServer, String newProviderId, int newAttempts) {
            return new Details(replyCode, retryAfter, rejectedRecipients, newServer, newProviderId, newAttempts);
        }
    }
}
