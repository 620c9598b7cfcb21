package dev.notify.testkit.sms;

import dev.notify.message.SmsMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * One SMS an SMS service stub accepted.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param to        the recipient in E.164 with {@code +}, whatever form the service takes it in
 * @param text      the text as received
 * @param from      the sender the request named, or null
 * @param messageId the id the stub answered with (a Twilio SID, a Vonage message-id, ...)
 * @param request   the request it came in
 */
public record SentSms(String to, String text, String from, String messageId, SmsRequest request) {

    public SentSms {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(request, "request");
    }

    public Optional<String> sender() {
        return Optional.ofNullable(from);
    }

    /** The SMS as notify's message type, numbered in E.164. */
    public SmsMessage toMessage() {
        return SmsMessage.of(to, text);
    }

    @Override
    public String toString() {
        return "SentSms[to=" + to + ", " + text.length() + " characters, id=" + messageId + "]";
    }
}
