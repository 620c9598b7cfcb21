package dev.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
 */
public record AttemptPlan(int number, Instant since, Function<RuntimeException, Optional<Instant>> retryAt) {

    public AttemptPlan {
        if (number < 1) {
            throw new IllegalArgumentException("number must be 1 or more, was " + number);
        }
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(retryAt, "retryAt");
    }
}
