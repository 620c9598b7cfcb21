package dev.notify.testkit.assertions;

import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.testkit.Outbox;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions about an {@link Outbox}. Each failure message lists what was sent. Get one with
 * {@link NotifyAssertions#assertThat(Outbox)}.
 *
 * <p>This class is not threadsafe; the outbox is read once per assertion.
 */
public final class OutboxAssert extends AbstractAssert<OutboxAssert, Outbox> {

    OutboxAssert(Outbox actual) {
        super(actual, OutboxAssert.class);
    }

    /** Passes when no email and no SMS was sent. */
    public OutboxAssert hasSentNothing() {
        isNotNull();
        List<EmailMessage> emails = actual.emails();
        List<SmsMessage> sms = actual.sms();
        if (!emails.isEmpty() || !sms.isEmpty()) {
            failWithMessage("%s", "Expected nothing sent, but " + emails.size() + " email(s) and " + sms.size()
                    + " SMS were sent:\n" + everything(emails, sms));
        }
        return this;
    }

    /** Passes when exactly {@code count} emails were sent. */
    public OutboxAssert hasSentEmails(int count) {
        isNotNull();
        List<EmailMessage> emails = actual.emails();
        if (emails.size() != count) {
            failWithMessage("%s", "Expected " + count + " email(s) sent, but " + emails.size() + " were:\n"
                    + Lines.list(emails, Lines::email));
        }
        return this;
    }

    /** Passes when exactly {@code count} SMS were sent. */
    public OutboxAssert hasSentSms(int count) {
        isNotNull();
        List<SmsMessage> sms = actual.sms();
        if (sms.size() != count) {
            failWithMessage("%s", "Expected " + count + " SMS sent, but " + sms.size() + " were:\n"
                    + Lines.list(sms, Lines::sms));
        }
        return this;
    }

    /**
     * Passes when at least one email went to {@code address} (to, cc or bcc; the case of the domain ignored).
     *
     * @return assertions about the emails to that address, to narrow down further
     */
    public SentEmailsAssert hasSentEmailTo(String address) {
        isNotNull();
        EmailAddress wanted = EmailAddress.parse(address);
        List<EmailMessage> emails = actual.emails();
        List<EmailMessage> to = emails.stream().filter(m -> m.recipients().contains(wanted)).toList();
        String criteria = "an email to " + wanted.address();
        if (to.isEmpty()) {
            failWithMessage("%s", "Expected " + criteria + ", but none was sent to it. Emails sent:\n"
                    + Lines.list(emails, Lines::email));
        }
        return new SentEmailsAssert(to, criteria, wanted.address());
    }

    /** Passes when no email went to {@code address}. */
    public OutboxAssert hasSentNoEmailTo(String address) {
        isNotNull();
        EmailAddress wanted = EmailAddress.parse(address);
        List<EmailMessage> to = actual.emails().stream().filter(m -> m.recipients().contains(wanted)).toList();
        if (!to.isEmpty()) {
            failWithMessage("%s", "Expected no email to " + wanted.address() + ", but " + to.size() + " were sent:\n"
                    + Lines.list(to, Lines::email));
        }
        return this;
    }

    /**
     * Passes when at least one SMS went to {@code phoneNumber}, compared by digits ({@code +1 555-010-1234}
     * matches {@code 15550101234}).
     *
     * @return assertions about the SMS to that number, to narrow down further
     */
    public SentSmsAssert hasSentSmsTo(String phoneNumber) {
        isNotNull();
        List<SmsMessage> all = actual.sms();
        List<SmsMessage> to = actual.smsTo(phoneNumber);
        String criteria = "an SMS to " + phoneNumber;
        if (to.isEmpty()) {
            failWithMessage("%s", "Expected " + criteria + ", but none was sent to it. SMS sent:\n"
                    + Lines.list(all, Lines::sms));
        }
        return new SentSmsAssert(to, criteria, phoneNumber);
    }

    /** Passes when no SMS went to {@code phoneNumber}, compared by digits. */
    public OutboxAssert hasSentNoSmsTo(String phoneNumber) {
        isNotNull();
        List<SmsMessage> to = actual.smsTo(phoneNumber);
        if (!to.isEmpty()) {
            failWithMessage("%s", "Expected no SMS to " + phoneNumber + ", but " + to.size() + " were sent:\n"
                    + Lines.list(to, Lines::sms));
        }
        return this;
    }

    private static String everything(List<EmailMessage> emails, List<SmsMessage> sms) {
        return "emails:\n" + Lines.list(emails, Lines::email) + "\nSMS:\n" + Lines.list(sms, Lines::sms);
    }
}
