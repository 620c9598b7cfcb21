package dev.notify.sms.http;

import dev.notify.sms.http.internal.ProviderOptions;
import dev.notify.sms.http.internal.TwilioService;

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
 * with what to do. {@code check()} fetches the account
 * ({@code GET /2010-04-01/Accounts/{AccountSid}.json}) and sends nothing.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class TwilioSmsProvider extends HttpSmsProvider<TwilioSmsProvider> {

    /** The provider id, the value of {@code sms.delivery-method}. */
    public static final String ID = "twilio";

    /** Verifies TLS with the JVM's trust store; the constructor ServiceLoader uses. */
    public TwilioSmsProvider() {
        this(ProviderOptions.defaults());
    }

    private TwilioSmsProvider(ProviderOptions options) {
        super(ID, TwilioSettingKeys.settings(), TwilioSettingKeys.connection(), TwilioService::from, TwilioSmsProvider::new,
                options);
    }
}
