package dev.notify.testkit;

import dev.notify.Notifier;
import dev.notify.message.Attachment;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the fake providers "sent": every email and SMS, in order. Each fake provider instance has its own outbox,
 * and every notifier has its own provider instances, so tests running in parallel never see each other's
 * messages. Reach a notifier's outbox with {@link #of(Notifier)}, or give the providers one of your own.
 *
 * <p>Only accepted messages are recorded: a send failed by {@link FakeBehaviour} records nothing, and an email
 * with refused recipients is recorded without them.
 *
 * <p>This class is threadsafe.
 */
public final class Outbox {

    private final MessageLog<EmailMessage> emails;
    private final MessageLog<SmsMessage> sms;

    public Outbox() {
        this(new MessageLog<>("emails", Outbox::describe), new MessageLog<>("SMS", Outbox::describe));
    }

    Outbox(MessageLog<EmailMessage> emails, MessageLog<SmsMessage> sms) {
        this.emails = emails;
        this.sms = sms;
    }

    /**
     * The outbox of the fake providers a notifier uses (registered with {@code Notifier.builder().provider(...)}): its
     * emails are those of the fake email provider, its SMS those of the fake SMS provider.
     *
     * @throws IllegalStateException when the notifier has no fake provider
     */
    public static Outbox of(Notifier notifier) {
        return Fakes.of(notifier).outbox();
    }

    MessageLog<EmailMessage> emailLog() {
        return emails;
    }

    MessageLog<SmsMessage> smsLog() {
        return sms;
    }

    void record(EmailMessage message) {
        emails.add(message);
    }

    void record(SmsMessage message) {
        sms.add(message);
    }

    /** Every email, in the order sent. */
    public List<EmailMessage> emails() {
        return emails.snapshot();
    }

    /** Every SMS, in the order sent. */
    public List<SmsMessage> sms() {
        return sms.snapshot();
    }

    /**
     * Waits until at least {@code count} emails were sent, for code that sends in the background.
     *
     * @return every email sent so far, in order
     * @throws AssertionError when fewer were sent within {@code timeout}; the message lists those that were
     */
    public List<EmailMessage> awaitEmails(int count, Duration timeout) {
        return emails.await(count, timeout);
    }

    /**
     * Waits until at least {@code count} SMS were sent.
     *
     * @return every SMS sent so far, in order
     * @throws AssertionError when fewer were sent within {@code timeout}; the message lists those that were
     */
    public List<SmsMessage> awaitSms(int count, Duration timeout) {
        return sms.await(count, timeout);
    }

    /** Emails with {@code address} among their to, cc or bcc recipients (case of the domain ignored). */
    public List<EmailMessage> emailsTo(String address) {
        EmailAddress wanted = EmailAddress.parse(address);
        return emails().stream().filter(m -> m.recipients().contains(wanted)).toList();
    }

    /** Emails whose subject contains {@code text}. */
    public List<EmailMessage> emailsWithSubjectContaining(String text) {
        Objects.requireNonNull(text, "text");
        return emails().stream().filter(m -> m.subject().contains(text)).toList();
    }

    /** SMS to a number, compared by its digits ({@code +1 555-010-1234} matches {@code 15550101234}). */
    public List<SmsMessage> smsTo(String phoneNumber) {
        String wanted = digits(phoneNumber);
        return sms().stream().filter(m -> digits(m.phoneNumber()).equals(wanted)).toList();
    }

    /** Forgets every message. */
    public void clear() {
        emails.clear();
        sms.clear();
    }

    public boolean isEmpty() {
        return emails.size() == 0 && sms.size() == 0;
    }

    static String digits(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }

    /** One line about an email: recipients, subject and attachments, for failure messages. */
    static String describe(EmailMessage m) {
        StringBuilder b = new StringBuilder("email to ").append(m.to());
        if (!m.cc().isEmpty()) {
            b.append(" cc ").append(m.cc());
        }
        if (!m.bcc().isEmpty()) {
            b.append(" bcc ").append(m.bcc());
        }
        b.append(", subject '").append(m.subject()).append('\'');
        m.text().ifPresent(t -> b.append(", text '").append(abbreviate(t)).append('\''));
        if (!m.attachments().isEmpty()) {
            b.append(", attachments ").append(m.attachments().stream().map(Attachment::fileName).toList());
        }
        return b.toString();
    }

    /** One line about an SMS, for failure messages. */
    static String describe(SmsMessage m) {
        return "SMS to " + m.phoneNumber() + ", text '" + abbreviate(m.text()) + "'";
    }

    private static String abbreviate(String text) {
        String line = text.replace("\r", "").replace("\n", "\\n");
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return "Outbox[" + emails.size() + " emails, " + sms.size() + " sms]";
    }
}
