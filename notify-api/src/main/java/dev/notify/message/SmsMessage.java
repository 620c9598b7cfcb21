package dev.notify.message;

import dev.notify.InvalidMessageException;
import dev.notify.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A text message to a phone number. The number is kept as typed ({@code +1 (555) 010-1234}); before any provider
 * sees the message, the notifier normalises it to E.164 with the server's settings ({@code sms.default-country-code},
 * see {@link PhoneNumber}) and checks the text's length against {@code sms.max-segments} (see {@link SmsLength}). When {@link #messageId()} is empty, the notifier assigns one that
 * stays the same across retries; the email gateway uses it as the gateway mail's Message-ID.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class SmsMessage implements Message {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[!-;=?-~]{1,250}@[A-Za-z0-9.-]{1,253}>");

    private final String phoneNumber;
    private final String text;
    private final String messageId;

    private SmsMessage(String phoneNumber, String text, String messageId) {
        this.phoneNumber = phoneNumber;
        this.text = text;
        this.messageId = messageId;
    }

    /**
     * An SMS to {@code phoneNumber} with {@code text}.
     *
     * @param phoneNumber the recipient's number as typed: digits, spaces, {@code + ( ) . -} only
     * @param text        the text; line breaks are allowed, other control characters are not
     * @throws InvalidMessageException naming {@code phone-number} or {@code text}
     */
    public static SmsMessage of(String phoneNumber, String text) {
        List<Problem> problems = new ArrayList<>();
        if (phoneNumber == null || phoneNumber.isBlank()) {
            problems.add(new Problem("phone-number", "must not be empty"));
        } else if (!phoneNumber.strip().matches("[0-9+()./ -]+")) {
            problems.add(new Problem("phone-number",
                    "may contain only digits, spaces and + ( ) . -, was '" + phoneNumber.strip() + "'"));
        }
        if (text == null || text.isBlank()) {
            problems.add(new Problem("text", "must not be empty"));
        } else {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isISOControl(c) && c != '\n' && c != '\r') {
                    problems.add(new Problem("text", String.format("must not contain the control character U+%04X", (int) c)));
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        return new SmsMessage(phoneNumber.strip(), text, null);
    }

    /**
     * The same SMS with a Message-ID, {@code <unique@domain>}; normally left to the notifier.
     *
     * @throws InvalidMessageException naming {@code message-id} when it does not look like {@code <unique@domain>}
     */
    public SmsMessage withMessageId(String id) {
        if (id == null || !MESSAGE_ID.matcher(id).matches()) {
            throw new InvalidMessageException("message-id", "must look like <unique@domain>, was '" + id + "'");
        }
        return new SmsMessage(phoneNumber, text, id);
    }

    /** The number as typed, without surrounding spaces. */
    public String phoneNumber() {
        return phoneNumber;
    }

    public String text() {
        return text;
    }

    /** The Message-ID in angle brackets; empty until the notifier assigns one. */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmsMessage other && phoneNumber.equals(other.phoneNumber) && text.equals(other.text)
                && Objects.equals(messageId, other.messageId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phoneNumber, text, messageId);
    }

    @Override
    public String toString() {
        return "SmsMessage[to=" + phoneNumber + ", " + text.length() + " characters"
                + (messageId == null ? "" : ", messageId=" + messageId) + "]";
    }
}
