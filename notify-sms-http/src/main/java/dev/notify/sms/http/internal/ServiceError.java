package dev.notify.sms.http.internal;

import java.util.Objects;

/**
 * What one of a service's error codes means for the send, and the sentence that tells an administrator what to
 * do about it.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param kind           how the failure is classed
 * @param advice         what to check or change, as a sentence without a final period
 * @param aboutRecipient whether the recipient's number caused it (then it is listed as a rejected recipient)
 */
public record ServiceError(Kind kind, String advice, boolean aboutRecipient) {

    /** How a failure is classed. */
    public enum Kind {
        /** A later attempt may succeed: {@code TransientDeliveryException}. */
        TRANSIENT,
        /** Sending the same SMS again fails the same way: {@code PermanentDeliveryException}. */
        PERMANENT,
        /** The service refuses the credentials: {@code SettingsException} naming them. */
        CREDENTIALS
    }

    public ServiceError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(advice, "advice");
    }

    /** The number cannot receive this SMS. */
    public static ServiceError recipient(String advice) {
        return new ServiceError(Kind.PERMANENT, advice, true);
    }

    /** The service refuses the SMS for a reason other than the number (sender, account, content). */
    public static ServiceError permanent(String advice) {
        return new ServiceError(Kind.PERMANENT, advice, false);
    }

    public static ServiceError temporary(String advice) {
        return new ServiceError(Kind.TRANSIENT, advice, false);
    }

    public static ServiceError credentials(String advice) {
        return new ServiceError(Kind.CREDENTIALS, advice, false);
    }
}
