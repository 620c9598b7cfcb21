package dev.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Something that happened to one send, reported to every {@link SendListener}. Every event names the server,
 * channel, provider, Message-ID and attempt; none carries the message's content, and addresses and server
 * replies (which may quote addresses) are in {@link #personalData()} only for listeners that ask for them.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param kind          what happened
 * @param time          when, by the notifier's clock
 * @param serverId      the server whose settings were used; empty for the global settings
 * @param channel       email or SMS
 * @param providerId    the provider; empty when the send was rejected before one was chosen
 * @param messageId     the Message-ID (or the provider's id); empty before one was assigned
 * @param attempt       the attempt this event is about, 1 for the first; 0 when nothing was attempted
 * @param elapsed       time since the send was accepted; for {@link Kind#ATTEMPT_FAILED} and the final events,
 *                      waits included
 * @param failure       why an attempt or the send failed; empty for successes
 * @param replyCode     the server's reply code (SMTP or HTTP) of a failure, when it gave one
 * @param nextAttemptAt when the next attempt will start, for a failed attempt that will be retried
 * @param status        the outcome of {@link Kind#DELIVERED}
 * @param accepted      recipients accepted so far
 * @param rejected      recipients refused so far
 * @param errorType     the simple class name of the failure's exception
 * @param personalData  addresses and the failure's message, for listeners that ask for them
 */
public record SendEvent(Kind kind, Instant time, Optional<String> serverId, Channel channel,
        Optional<String> providerId, Optional<String> messageId, int attempt, Duration elapsed,
        Optional<FailureClass> failure, OptionalInt replyCode, Optional<Instant> nextAttemptAt,
        Optional<SendStatus> status, int accepted, int rejected, Optional<String> errorType,
        Optional<PersonalData> personalData) {

    /** What happened. */
    public enum Kind {
        /** An attempt is about to be made. */
        ATTEMPT_STARTED,
        /** An attempt failed, or deferred some recipients; {@link #willRetry()} says whether another follows. */
        ATTEMPT_FAILED,
        /** The server accepted the message for all or some recipients: the send's last event. */
        DELIVERED,
        /** No recipient accepted the message and no attempt follows: the send's last event. */
        GAVE_UP,
        /** The send was refused before any attempt (disabled channel, invalid settings, full queue): its only event. */
        REJECTED
    }

    /**
     * The personal data of an event: addresses and the failure's message.
     *
     * @param accepted       the addresses accepted so far
     * @param rejected       the recipients refused so far, with the server's replies
     * @param failureMessage the failure's message
     */
    public record PersonalData(List<String> accepted, List<RejectedRecipient> rejected,
            Optional<String> failureMessage) {
        public PersonalData {
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
            Objects.requireNonNull(failureMessage, "failureMessage");
        }
    }

    public SendEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Whether another attempt follows this failed one. */
    public boolean willRetry() {
        return nextAttemptAt.isPresent();
    }

    /** The same event without its personal data. */
    public SendEvent withoutPersonalData() {
        return personalData.isEmpty() ? this : new SendEvent(kind, time, serverId, channel, providerId, messageId,
                attempt, elapsed, failure, replyCode, nextAttemptAt, status, accepted, rejected, errorType,
                Optional.empty());
    }

    @Override
    public String toString() {
        return "SendEvent[" + kind + " " + channel + " " + serverId.orElse("global") + " via "
                + providerId.orElse("-") + " " + messageId.orElse("-") + " attempt " + attempt
                + failure.map(f -> " " + f).orElse("") + status.map(s -> " " + s).orElse("")
                + (willRetry() ? " retry at " + nextAttemptAt.get() : "") + "]";
    }
}
