package dev.notify;

import dev.notify.message.Message;
import java.util.Objects;

/**
 * A message and the plan of its attempt, one of several made together with
 * {@link ServerNotifier#attempt(java.util.List, java.util.function.Predicate)}.
 *
 * <p>This class is immutable and threadsafe when the plan is.
 *
 * @param message the message, with its Message-ID
 * @param plan    the attempt's plan; in a batch, its {@link AttemptPlan#recordDelivered()} is not called: the
 *                batch records what the servers accepted at once
 */
public record PlannedAttempt(Message message, AttemptPlan plan) {

    public PlannedAttempt {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(plan, "plan");
    }

    /**
     * An attempt of a batch that the server accepted (for every recipient or some), with its result: what the batch's
     * {@code recordDelivered} makes durable.
     *
     * @param attempt the attempt, as given to the batch
     * @param result  what the server accepted and refused
     */
    public record Accepted(PlannedAttempt attempt, SendResult result) {

        public Accepted {
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(result, "result");
        }
    }
}
