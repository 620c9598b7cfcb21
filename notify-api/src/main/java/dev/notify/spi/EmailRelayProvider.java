package dev.notify.spi;

import dev.notify.Channel;

/**
 * A capability of an SMS provider that delivers through email (an email-to-SMS gateway): the notifier builds its
 * senders with {@link #create(SenderContext, EmailSender)}, handing it the email sender of the same settings, and
 * builds a new SMS sender whenever that email sender is replaced. Other providers never see an email sender.
 * Such a provider needs {@code email.enabled=true}: otherwise sending SMS is a settings error naming that key.
 *
 * <p>Implementations must be threadsafe.
 */
public interface EmailRelayProvider extends SenderProvider {

    /** SMS. */
    @Override
    default Channel channel() {
        return Channel.SMS;
    }

    /**
     * Creates a sender that sends each SMS with {@code email}. Must not block on the network.
     *
     * @param email the email sender of the same settings, owned by the notifier: use it, never close it
     * @throws dev.notify.SettingsException when the settings cannot work for this provider, naming the keys
     */
    SmsSender create(SenderContext context, EmailSender email);

    /**
     * Not used: a relay needs an email sender.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default SmsSender create(SenderContext context) {
        throw new UnsupportedOperationException("the provider '" + id()
                + "' delivers SMS through email: create it with create(context, emailSender)");
    }
}
