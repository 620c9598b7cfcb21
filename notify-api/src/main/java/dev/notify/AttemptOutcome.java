package dev.notify;

import dev.notify.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What came of one attempt made with {@link ServerNotifier#attempt(Message, AttemptPlan)}: a final result, a
 * final failure, or an attempt to make again later.
 *
 * <p>Implementations are immutable and threadsafe.
 */
public sealed interface AttemptOutcome permits AttemptOutcome.Done, AttemptOutcome.Failed, AttemptOutcome.Retry {

    /**
     * Final: the server accepted the message for every recipient or some (the refusals are final), or the channel
     * is disabled and nothing was sent ({@link SendStatus#CHANNEL_DISABLED}).
     */
    record Done(SendResult result) implements AttemptOutcome {
        public Done {
            Objects.requireNonNull(result, "result");
        }
    }

    /** Final: nothing was accepted, and the plan gave no time to try again. */
    record Failed(RuntimeException failure) implements AttemptOutcome {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * Not final: the caller tries again at {@code at}, as its plan asked.
     *
     * @param failure   why this attempt did not finish the send
     * @param at        when the next attempt is due, from the plan
     * @param remaining what the next attempt sends: the message, or (when the server accepted some recipients and
     *                  deferred others) the message to the deferred recipients only, with the same Message-ID
     * @param accepted  recipients this attempt delivered to
     * @param rejected  recipients this attempt refused for good
     */
    record Retry(RuntimeException failure, Instant at, Message remaining, List<String> accepted,
            List<RejectedRecipient> rejected) implements AttemptOutcome {
        public Retry {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(remaining, "remaining");
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
        }
    }
}
