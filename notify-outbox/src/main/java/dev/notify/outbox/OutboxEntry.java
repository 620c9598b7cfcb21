package dev.notify.outbox;

import dev.notify.Channel;
import dev.notify.DeliveryStatus;
import dev.notify.FailureClass;
import dev.notify.RejectedRecipient;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message in a {@link DurableOutbox}, without its content: its state, attempts and outcome. Journals store and
 * return it; the outbox creates the new value after each attempt.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param id             the outbox's id for the message, returned by {@code enqueueEmail}/{@code enqueueSms}
 * @param serverId       the server whose settings deliver it; empty for the global settings
 * @param channel        email or SMS
 * @param messageId      the Message-ID assigned when it was enqueued, the same on every attempt
 * @param state          where it stands
 * @param enqueuedAt     when it was journalled
 * @param queuedSince    when its current stay in the queue began: {@code enqueuedAt}, or when an operator retried it;
 *                       {@code outbox.max-age} counts from here
 * @param attempts       attempts made so far
 * @param nextAttemptAt  when the next attempt is due, for {@link OutboxState#PENDING} and {@link OutboxState#RETRYING}
 * @param failureClass   the class of the last failure, if any
 * @param reason         the last failure's message (never a secret); for a final failure, why it failed
 * @param accepted       recipients the server accepted, over every attempt
 * @param rejected       recipients refused for good, over every attempt
 * @param finishedAt     when it reached a final state
 * @param keepUntil      for a final state, until when the entry stays queryable before the journal drops it
 * @param delivery       for an accepted SMS, the delivery status its service reported last (a verified delivery
 *                       receipt); empty until one came, and for email
 * @param serviceMessageId for an accepted SMS, the id its service gave it ({@code SendResult#messageId()}, a Twilio
 *                       SID), which its delivery receipts name: the journal finds the entry by it after a restart;
 *                       empty otherwise
 */
public record OutboxEntry(String id, Optional<String> serverId, Channel channel, String messageId,
        OutboxState state, Instant enqueuedAt, Instant queuedSince, int attempts, Optional<Instant> nextAttemptAt,
        Optional<FailureClass> failureClass, Optional<String> reason, List<String> accepted,
        List<RejectedRecipient> rejected, Optional<Instant> finishedAt, Optional<Instant> keepUntil,
        Optional<DeliveryStatus> delivery, Optional<String> serviceMessageId) {

    /** An entry without the id its service gave it. */
    public OutboxEntry(String id, Optional<String> serverId, Channel channel, String messageId,
            OutboxState state, Instant enqueuedAt, Instant queuedSince, int attempts, Optional<Instant> nextAttemptAt,
            Optional<FailureClass> failureClass, Optional<String> reason, List<String> accepted,
            List<RejectedRecipient> rejected, Optional<Instant> finishedAt, Optional<Instant> keepUntil,
            Optional<DeliveryStatus> delivery) {
        this(id, serverId, channel, messageId, state, enqueuedAt, queuedSince, attempts, nextAttemptAt, failureClass,
                reason, accepted, rejected, finishedAt, keepUntil, delivery, Optional.empty());
    }

    /** An entry without a delivery status. */
    public OutboxEntry(String id, Optional<String> serverId, Channel channel, String messageId,
            OutboxState state, Instant enqueuedAt, Instant queuedSince, int attempts, Optional<Instant> nextAttemptAt,
            Optional<FailureClass> failureClass, Optional<String> reason, List<String> accepted,
            List<RejectedRecipient> rejected, Optional<Instant> finishedAt, Optional<Instant> keepUntil) {
        this(id, serverId, channel, messageId, state, enqueuedAt, queuedSince, attempts, nextAttemptAt, failureClass,
                reason, accepted, rejected, finishedAt, keepUntil, Optional.empty());
    }

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        Objects.requireNonNull(queuedSince, "queuedSince");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
        }
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(failureClass, "failureClass");
        Objects.requireNonNull(reason, "reason");
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(keepUntil, "keepUntil");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(serviceMessageId, "serviceMessageId");
        if (!state.isFinal() && nextAttemptAt.isEmpty()) {
            throw new IllegalArgumentException("a " + state + " entry needs its next attempt time");
        }
    }

    /** A new entry: pending, due at {@code enqueuedAt}. */
    public static OutboxEntry pending(String id, Optional<String> serverId, Channel channel, String messageId,
            Instant enqueuedAt) {
        return new OutboxEntry(id, serverId, channel, messageId, OutboxState.PENDING, enqueuedAt, enqueuedAt, 0,
                Optional.of(enqueuedAt), Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(),
                Optional.empty());
    }

    /** This entry waiting for another attempt at {@code at} after {@code failure}. */
    public OutboxEntry retrying(int attemptsMade, Instant at, FailureClass failure, String why,
            List<String> allAccepted, List<RejectedRecipient> allRejected) {
        return new OutboxEntry(id, serverId, channel, messageId, OutboxState.RETRYING, enqueuedAt, queuedSince,
                attemptsMade, Optional.of(at), Optional.of(failure), Optional.of(why), allAccepted, allRejected,
                Optional.empty(), Optional.empty());
    }

    /** This entry in a final state. */
    public OutboxEntry finished(OutboxState finalState, int attemptsMade, Optional<FailureClass> failure,
            Optional<String> why, List<String> allAccepted, List<RejectedRecipient> allRejected, Instant at,
            Instant keep) {
        if (!finalState.isFinal()) {
            throw new IllegalArgumentException(finalState + " is not a final state");
        }
        return new OutboxEntry(id, serverId, channel, messageId, finalState, enqueuedAt, queuedSince, attemptsMade,
                Optional.empty(), failure, why, allAccepted, allRejected, Optional.of(at), Optional.of(keep));
    }

    /** This entry queued again by an operator: due at {@code at}, its age counted from then. */
    public OutboxEntry requeued(Instant at) {
        return new OutboxEntry(id, serverId, channel, messageId, OutboxState.PENDING, enqueuedAt, at, attempts,
                Optional.of(at), failureClass, reason, accepted, rejected, Optional.empty(), Optional.empty());
    }

    /** This entry with the delivery status a verified receipt reported. */
    public OutboxEntry withDelivery(DeliveryStatus status) {
        return new OutboxEntry(id, serverId, channel, messageId, state, enqueuedAt, queuedSince, attempts,
                nextAttemptAt, failureClass, reason, accepted, rejected, finishedAt, keepUntil,
                Optional.of(Objects.requireNonNull(status, "status")), serviceMessageId);
    }

    /** This entry with the id its service gave the message when it accepted it. */
    public OutboxEntry withServiceMessageId(String id) {
        return new OutboxEntry(this.id, serverId, channel, messageId, state, enqueuedAt, queuedSince, attempts,
                nextAttemptAt, failureClass, reason, accepted, rejected, finishedAt, keepUntil, delivery,
                Optional.of(Objects.requireNonNull(id, "id")));
    }

    /** Whether an attempt is due at {@code now}. */
    public boolean isDue(Instant now) {
        return nextAttemptAt.isPresent() && !nextAttemptAt.get().isAfter(now);
    }
}
