package dev.notify.testkit.assertions;

import dev.notify.message.Attachment;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions about the emails sent to one address. Each {@code with...} keeps only the emails that match, so a
 * chain passes when one email matches every condition; a failure lists the emails to the address.
 *
 * <pre>{@code
 * assertThat(outbox).hasSentEmailTo("alice@example.com")
 *         .withSubjectContaining("Welcome")
 *         .withTextContaining("Alice");
 * }</pre>
 *
 * <p>This class is not threadsafe.
 */
public final class SentEmailsAssert extends AbstractAssert<SentEmailsAssert, List<EmailMessage>> {

    private final String criteria;
    private final String address;

    SentEmailsAssert(List<EmailMessage> actual, String criteria, String address) {
        super(List.copyOf(actual), SentEmailsAssert.class);
        this.criteria = criteria;
        this.address = address;
    }

    /** The emails that matched every condition so far, in the order sent. */
    public List<EmailMessage> messages() {
        return actual;
    }

    /** Keeps the emails whose subject contains {@code text}. */
    public SentEmailsAssert withSubjectContaining(String text) {
        Objects.requireNonNull(text, "text");
        return matching(m -> m.subject().contains(text), "subject containing '" + text + "'");
    }

    /** Keeps the emails whose subject is {@code subject}. */
    public SentEmailsAssert withSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        return matching(m -> m.subject().equals(subject), "subject '" + subject + "'");
    }

    /** Keeps the emails whose plain-text body contains {@code text}. */
    public SentEmailsAssert withTextContaining(String text) {
        Objects.requireNonNull(text, "text");
        return matching(m -> m.text().map(t -> t.contains(text)).orElse(false), "text containing '" + text + "'");
    }

    /** Keeps the emails whose plain-text body contains a match of the regular expression {@code regex}. */
    public SentEmailsAssert withTextMatching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return matching(m -> m.text().map(t -> pattern.matcher(t).find()).orElse(false),
                "text matching /" + regex + "/");
    }

    /** Keeps the emails whose HTML body contains {@code html}. */
    public SentEmailsAssert withHtmlContaining(String html) {
        Objects.requireNonNull(html, "html");
        return matching(m -> m.html().map(t -> t.contains(html)).orElse(false), "HTML containing '" + html + "'");
    }

    /** Keeps the emails with an attachment or inline part named {@code fileName}. */
    public SentEmailsAssert withAttachmentNamed(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        return matching(m -> m.attachments().stream().map(Attachment::fileName).anyMatch(fileName::equals),
                "an attachment named '" + fileName + "'");
    }

    /** Keeps the emails from {@code address} (the case of the domain ignored). */
    public SentEmailsAssert from(String address) {
        EmailAddress wanted = EmailAddress.parse(address);
        return matching(m -> m.from().map(wanted::equals).orElse(false), "from " + wanted.address());
    }

    /** Keeps the emails with the header {@code name} set to {@code value}. */
    public SentEmailsAssert withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return matching(m -> value.equals(m.headers().get(name)), "header " + name + ": " + value);
    }

    /** Keeps the emails {@code condition} accepts; {@code description} names it in a failure. */
    public SentEmailsAssert matching(Predicate<EmailMessage> condition, String description) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(description, "description");
        isNotNull();
        List<EmailMessage> matched = actual.stream().filter(condition).toList();
        String narrowed = criteria + (criteria.contains(" with ") ? " and " : " with ") + description;
        if (matched.isEmpty()) {
            failWithMessage("%s", "Expected " + narrowed + ", but none matched. Emails to " + address + " that "
                    + "matched so far (" + criteria + "):\n" + Lines.list(actual, Lines::email));
        }
        return new SentEmailsAssert(matched, narrowed, address);
    }

    /** Passes when exactly one email matched every condition so far. */
    public SentEmailsAssert once() {
        isNotNull();
        if (actual.size() != 1) {
            failWithMessage("%s", "Expected exactly one " + criteria.substring(criteria.indexOf(' ') + 1) + ", but "
                    + actual.size() + " were sent:\n" + Lines.list(actual, Lines::email));
        }
        return this;
    }
}
