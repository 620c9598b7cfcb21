package dev.notify.sms.http.internal;

import dev.notify.message.PhoneNumber;
import dev.notify.message.SmsLength;
import java.util.Objects;

/**
 * One SMS as a service request is built from: the number in E.164, the text, its measured length and the
 * notifier's Message-ID.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param number    the recipient
 * @param text      the text, exactly as the caller wrote it
 * @param length    its encoding and segments
 * @param messageId the notifier's Message-ID, the same on every attempt
 */
public record OutgoingSms(PhoneNumber number, String text, SmsLength length, String messageId) {

    public OutgoingSms {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(messageId, "messageId");
    }
}
