package dev.notify.message;

import dev.notify.InvalidMessageException;
import dev.notify.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A text message to a phone number. The number is kept as typed ({@code +1 (555) 010-1234}); the SMS provider
 * normalises it to E.164 with the server's settings ({@code sms.default-country-code}) and checks the text's
 * length against {@code sms.max-segments}.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param phoneNumber the recipient's number as typed: digits, spaces, {@code + ( ) . -} only
 * @param text        the text; line breaks are allowed, other control characters are not
 */
public record SmsMessage(String phoneNumber, String text) implements Message {

    public SmsMessage {
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
        phoneNumber = phoneNumber.strip();
        Objects.requireNonNull(text);
    }

    /** An SMS to {@code phoneNumber} with {@code text}. */
    public static SmsMessage of(String phoneNumber, String text) {
        return new SmsMessage(phoneNumber, text);
    }
}
