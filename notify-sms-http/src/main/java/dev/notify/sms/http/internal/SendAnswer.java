package dev.notify.sms.http.internal;

import java.util.Objects;
import java.util.Optional;

/** What a service's answer to a send says, as its {@link SmsService} reads it. */
public sealed interface SendAnswer {

    /**
     * The service took the SMS.
     *
     * @param messageId the service's id for it (Twilio's SID, Vonage's message-id, Infobip's messageId), or null
     *                  when it gives none (a webhook relay may not)
     * @param status    the service's status for it ({@code queued}, {@code PENDING_ACCEPTED}), or null
     */
    record Accepted(String messageId, String status) implements SendAnswer {

        public Optional<String> id() {
            return Optional.ofNullable(messageId);
        }

        public Optional<String> statusText() {
            return Optional.ofNullable(status);
        }
    }

    /**
     * The service said why it did not take the SMS.
     *
     * @param code    the service's own code as its documentation names it: {@code error 21211},
     *                {@code status 29}, {@code REJECTED_DND}; empty when
     *                the service gives none
     * @param message the service's own words, or empty
     * @param error   what the code means
     */
    record Refused(String code, String message, ServiceError error) implements SendAnswer {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(error, "error");
        }
    }

    /** The answer is not what the service sends: not JSON, or without the fields it always has. */
    record Unreadable() implements SendAnswer {
    }
}
