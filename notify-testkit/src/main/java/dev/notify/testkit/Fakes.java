package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.Notifier;
import java.util.Optional;

/**
 * The fake providers of one notifier, to read what they sent and to control how they behave, registered with
 * {@code Notifier.builder().provider(new FakeEmailProvider())} and selected with {@code email.delivery-method=fake}:
 *
 * <pre>{@code
 * Fakes fakes = Fakes.of(notifier);
 * fakes.email().failNextTransiently(1);
 * service.sendWelcome(...);
 * assertThat(fakes.outbox().emails()).hasSize(1);
 * }</pre>
 *
 * <p>A handle holds no state of its own: it reaches the provider instances of the notifier it was made for.
 * This class is threadsafe.
 */
public final class Fakes {

    private final FakeEmailProvider email;
    private final FakeSmsProvider sms;
    private final Outbox outbox;

    private Fakes(FakeEmailProvider email, FakeSmsProvider sms) {
        this.email = email;
        this.sms = sms;
        Outbox emailOutbox = email != null ? email.outbox() : sms.outbox();
        Outbox smsOutbox = sms != null ? sms.outbox() : email.outbox();
        this.outbox = new Outbox(emailOutbox.emailLog(), smsOutbox.smsLog());
    }

    /**
     * The fakes a notifier uses.
     *
     * @throws IllegalStateException when the notifier has neither a fake email nor a fake SMS provider
     */
    public static Fakes of(Notifier notifier) {
        FakeEmailProvider email = notifier.provider(Channel.EMAIL, FakeEmailProvider.ID)
                .filter(FakeEmailProvider.class::isInstance).map(FakeEmailProvider.class::cast).orElse(null);
        FakeSmsProvider sms = notifier.provider(Channel.SMS, FakeEmailProvider.ID)
                .filter(FakeSmsProvider.class::isInstance).map(FakeSmsProvider.class::cast).orElse(null);
        if (email == null && sms == null) {
            throw new IllegalStateException("the notifier has no fake provider: register one with "
                    + "Notifier.builder().provider(new FakeEmailProvider()) (or new FakeSmsProvider()); the fakes are "
                    + "not found with ServiceLoader");
        }
        return new Fakes(email, sms);
    }

    /** The emails of the fake email provider and the SMS of the fake SMS provider. */
    public Outbox outbox() {
        return outbox;
    }

    /**
     * The behaviour of the fake email provider.
     *
     * @throws IllegalStateException when the notifier has no fake email provider
     */
    public FakeBehaviour email() {
        return Optional.ofNullable(email).map(FakeEmailProvider::behaviour)
                .orElseThrow(() -> new IllegalStateException("the notifier has no fake email provider"));
    }

    /**
     * The behaviour of the fake SMS provider.
     *
     * @throws IllegalStateException when the notifier has no fake SMS provider
     */
    public FakeBehaviour sms() {
        return Optional.ofNullable(sms).map(FakeSmsProvider::behaviour)
                .orElseThrow(() -> new IllegalStateException("the notifier has no fake SMS provider"));
    }

    /** Resets both fakes' behaviours ({@link FakeBehaviour#reset()}) and clears the outbox. */
    public void reset() {
        if (email != null) {
            email.behaviour().reset();
        }
        if (sms != null) {
            sms.behaviour().reset();
        }
        outbox.clear();
    }

    @Override
    public String toString() {
        return "Fakes[" + outbox + ", email=" + (email == null ? "none" : email.behaviour())
                + ", sms=" + (sms == null ? "none" : sms.behaviour()) + "]";
    }
}
