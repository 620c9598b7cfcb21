package dev.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a caller that schedules attempts itself (a durable outbox) makes one of them: see
 * {@link ServerNotifier#attempt(dev.notify.message.Message, AttemptPlan)}.
 *
 * <p>This class is immutable and threadsafe when {@code retryAt} is.
 *
 * @param number  which attempt this is, 1 for the first; listeners see it as {@link SendEvent#attempt()}
 * @param since   when the caller took the message; listeners see the time since then as {@link SendEvent#elapsed()}
 * @param retryAt for a failure of this attempt (transient or permanent delivery failure, settings problem,
 *                deferred recipients, an unexpected exception), when the caller will try again; empty when it will
 *                not, which ends the send. It must be quick: it runs on the sending thread.
 * @param recordDelivered runs on the sending thread when the server accepted the message (for every recipient or
 *                some), before listeners see {@code DELIVERED}: a durable outbox makes the outcome durable here, so
 *                that {@code DELIVERED} is reported only for an outcome that a crash cannot undo. It returns false
 *                when the outcome could not be recorded (the caller will deliver the message again): listeners then
 *                see no {@code DELIVERED} for this attempt. It must not throw.
 */
public record AttemptPlan(int number, Instant since, Function<RuntimeException, Optional<Instant>> retryAt,
        Predicate<SendResult> recordDelivered) {

    public AttemptPlan {
        if (number < 1) {
            throw new IllegalArgumentException("number must be 1 or more, was " + number);
        }
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(retryAt, "retryAt");
        Objects.requireNonNull(recordDelivered, "recordDelivered");
    }

    /** A plan with nothing to record before {@code DELIVERED} is reported. */
    public AttemptPlan(int number, Instant since, Function<RuntimeException, Optional<Instant>> retryAt) {
        this(number, since, retryAt, result -> true);
    }
}
