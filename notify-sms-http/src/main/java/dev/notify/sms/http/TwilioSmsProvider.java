package dev.notify.sms.http;

import dev.notify.Channel;
import dev.notify.sms.http.internal.ProviderOptions;
import dev.notify.sms.http.internal.TwilioService;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.security.KeyStore;
import java.time.Clock;

/**
 * Sends SMS with Twilio Programmable Messaging: {@code sms.delivery-method=twilio}.
 *
 * <p>Each send is one {@code POST {sms.twilio.base-url}/2010-04-01/Accounts/{AccountSid}/Messages.json}, form
 * encoded: {@code To} (the number in E.164), {@code Body} (the text as written) and {@code From}
 * ({@code sms.twilio.from}) or {@code MessagingServiceSid} ({@code sms.twilio.messaging-service-sid}); HTTP Basic
 * authentication with the Account SID and auth token, or an API key SID and secret. {@code 201 Created} is a
 * result whose message id is the Message SID ({@code SM...}) and whose {@code sms.outcome} says "accepted by
 * Twilio (queued)": Twilio reports delivery to the phone later, in its console and status callbacks.
 *
 * <p>Failures: 429 and 5xx are transient, with {@code Retry-After}; 401 and 403 are a
 * {@link dev.notify.SettingsException} naming the credential keys; 404 names the base URL and Account SID; other
 * errors are classed by Twilio's error code: an invalid number (21211), a landline (21614), an unsubscribed
 * recipient (21610), a country not enabled (21408) or a sender that cannot send SMS (21606) are permanent, each
 * with what to do. {@link #create} opens no connection; {@code check()} fetches the account
 * ({@code GET /2010-04-01/Accounts/{AccountSid}.json}) and sends nothing.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class TwilioSmsProvider implements SenderProvider {

    /** The provider id, the value of {@code sms.delivery-method}. */
    public static final String ID = "twilio";

    private static final ProviderSettings SETTINGS = TwilioSettingKeys.settings();

    private final ProviderOptions options;

    /** Verifies TLS with the JVM's trust store; the constructor ServiceLoader uses. */
    public TwilioSmsProvider() {
        this(ProviderOptions.defaults());
    }

    private TwilioSmsProvider(ProviderOptions options) {
        this.options = options;
    }

    /**
     * A provider whose senders trust exactly the certificate authorities in {@code trustStore} (host names are
     * still verified), unless the settings name {@code sms.twilio.trust-store}.
     *
     * @throws IllegalArgumentException when the store cannot be used as a trust store
     */
    public TwilioSmsProvider withTrustStore(KeyStore trustStore) {
        return new TwilioSmsProvider(options.trusting(trustStore));
    }

    /** A provider that reads {@code Retry-After} dates against {@code clock}. */
    public TwilioSmsProvider withClock(Clock clock) {
        return new TwilioSmsProvider(options.withClock(clock));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public ProviderSettings settings() {
        return SETTINGS;
    }

    @Override
    public Sender create(SenderContext context) {
        return options.create(ID, context, TwilioSettingKeys.connection(), TwilioService::from);
    }

    @Override
    public String toString() {
        return "TwilioSmsProvider[" + options + "]";
    }
}
