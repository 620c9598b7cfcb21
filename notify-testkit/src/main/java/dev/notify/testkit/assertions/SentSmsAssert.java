package dev.notify.testkit.assertions;

import dev.notify.message.SmsMessage;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions about the SMS sent to one number. Each {@code with...} keeps only the SMS that match, so a chain
 * passes when one SMS matches every condition; a failure lists the SMS to the number.
 *
 * <p>This class is not threadsafe.
 */
public final class SentSmsAssert extends AbstractAssert<SentSmsAssert, List<SmsMessage>> {

    private final String criteria;
    private final String number;

    SentSmsAssert(List<SmsMessage> actual, String criteria, String number) {
        super(List.copyOf(actual), SentSmsAssert.class);
        this.criteria = criteria;
        this.number = number;
    }

    /** The SMS that matched every condition so far, in the order sent. */
    public List<SmsMessage> messages() {
        return actual;
    }

    /** Keeps the SMS whose text contains {@code text}. */
    public SentSmsAssert withTextContaining(String text) {
        Objects.requireNonNull(text, "text");
        return matching(m -> m.text().contains(text), "text containing '" + text + "'");
    }

    /** Keeps the SMS whose text contains a match of the regular expression {@code regex}. */
    public SentSmsAssert withTextMatching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return matching(m -> pattern.matcher(m.text()).find(), "text matching /" + regex + "/");
    }

    /** Keeps the SMS {@code condition} accepts; {@code description} names it in a failure. */
    public SentSmsAssert matching(Predicate<SmsMessage> condition, String description) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(description, "description");
        isNotNull();
        List<SmsMessage> matched = actual.stream().filter(condition).toList();
        String narrowed = criteria + (criteria.contains(" with ") ? " and " : " with ") + description;
        if (matched.isEmpty()) {
            failWithMessage("%s", "Expected " + narrowed + ", but none matched. SMS to " + number + " that "
                    + "matched so far (" + criteria + "):\n" + Lines.list(actual, Lines::sms));
        }
        return new SentSmsAssert(matched, narrowed, number);
    }

    /** Passes when exactly one SMS matched every condition so far. */
    public SentSmsAssert once() {
        isNotNull();
        if (actual.size() != 1) {
            failWithMessage("%s", "Expected exactly one " + criteria.substring(criteria.indexOf(' ') + 1) + ", but "
                    + actual.size() + " were sent:\n" + Lines.list(actual, Lines::sms));
        }
        return this;
    }
}
