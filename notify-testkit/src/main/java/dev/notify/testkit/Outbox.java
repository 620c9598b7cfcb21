package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.Notifier;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the fake providers "sent": every email and SMS, in order. Each fake provider instance has its own outbox,
 * and every notifier has its own provider instances, so tests running in parallel never see each other's
 * messages. Reach a notifier's outbox with {@link #of(Notifier)}, or give the providers one of your own.
 *
 * <p>This class is threadsafe.
 */
public final class Outbox {

    private final List<EmailMessage> emails;
    private final List<SmsMessage> sms;

    public Outbox() {
        this(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    }

    private Outbox(List<EmailMessage> emails, List<SmsMessage> sms) {
        this.emails = emails;
        this.sms = sms;
    }

    /**
     * The outbox of the fake providers a notifier uses (registered explicitly or found with ServiceLoader).
     *
     * @throws IllegalStateException when the notifier has no fake email provider
     */
    public static Outbox of(Notifier notifier) {
        FakeEmailProvider email = notifier.provider(Channel.EMAIL, FakeEmailProvider.ID)
                .filter(FakeEmailProvider.class::isInstance).map(FakeEmailProvider.class::cast)
                .orElseThrow(() -> new IllegalStateException("the notifier has no fake email provider; "
                        + "is notify-testkit on the class path, or was another 'fake' provider registered?"));
        List<SmsMessage> smsList = notifier.provider(Channel.SMS, FakeEmailProvider.ID)
                .filter(FakeSmsProvider.class::isInstance).map(p -> ((FakeSmsProvider) p).outbox().sms)
                .orElse(email.outbox().sms);
        return new Outbox(email.outbox().emails, smsList);
    }

    void record(EmailMessage message) {
        emails.add(Objects.requireNonNull(message));
    }

    void record(SmsMessage message) {
        sms.add(Objects.requireNonNull(message));
    }

    /** Every email, in the order sent. */
    public List<EmailMessage> emails() {
        return List.copyOf(emails);
    }

    /** Every SMS, in the order sent. */
    public List<SmsMessage> sms() {
        return List.copyOf(sms);
    }

    /** Emails with {@code address} among their to, cc or bcc recipients (case of the domain ignored). */
    public List<EmailMessage> emailsTo(String address) {
        EmailAddress wanted = EmailAddress.parse(address);
        return emails.stream().filter(m -> m.recipients().contains(wanted)).toList();
    }

    /** Emails whose subject contains {@code text}. */
    public List<EmailMessage> emailsWithSubjectContaining(String text) {
        return emails.stream().filter(m -> m.subject().contains(text)).toList();
    }

    /** SMS to a number, compared by its digits ({@code +1 555-010-1234} matches {@code 15550101234}). */
    public List<SmsMessage> smsTo(String phoneNumber) {
        String wanted = digits(phoneNumber);
        return sms.stream().filter(m -> digits(m.phoneNumber()).equals(wanted)).toList();
    }

    /** Forgets every message. */
    public void clear() {
        emails.clear();
        sms.clear();
    }

    public boolean isEmpty() {
        return emails.isEmpty() && sms.isEmpty();
    }

    private static String digits(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }

    @Override
    public String toString() {
        return "Outbox[" + emails.size() + " emails, " + sms.size() + " sms]";
    }
}
