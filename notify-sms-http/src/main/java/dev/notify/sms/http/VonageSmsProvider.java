package dev.notify.sms.http;

import dev.notify.sms.http.internal.ProviderOptions;
import dev.notify.sms.http.internal.VonageService;

/**
 * Sends SMS with the Vonage SMS API: {@code sms.delivery-method=vonage}.
 *
 * <p>Each send is one {@code POST {sms.vonage.base-url}/sms/json}, form encoded: {@code api_key},
 * {@code api_secret}, {@code from} ({@code sms.vonage.from}, a number without its {@code +}), {@code to} (the
 * number in E.164 without {@code +}), {@code text}, and {@code type=unicode} when the text needs UCS-2. Vonage
 * answers HTTP 200 with a {@code status} per part, also when it refuses: status {@code 0} for every part is a
 * result whose message id is the parts' {@code message-id}s and whose {@code sms.outcome} says "accepted by
 * Vonage". Delivery to the phone is reported later, in delivery receipts.
 *
 * <p>Failures: HTTP 429 and 5xx and the statuses 1 (throttled), 5 (internal error) and 10 are transient; HTTP 401
 * and 403 and the statuses 4, 14 and 32 are a {@link dev.notify.SettingsException} naming the API key and secret;
 * the other statuses are permanent, each with what to do: an invalid or barred number (3, 6, 7, 33), a demo
 * account's unlisted destination (29), no credit (9), a sender the destination refuses (15).
 * {@code check()} reads the balance ({@code GET /account/get-balance}) and sends nothing.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class VonageSmsProvider extends HttpSmsProvider<VonageSmsProvider> {

    /** The provider id, the value of {@code sms.delivery-method}. */
    public static final String ID = "vonage";

    /** Verifies TLS with the JVM's trust store; the constructor ServiceLoader uses. */
    public VonageSmsProvider() {
        this(ProviderOptions.defaults());
    }

    private VonageSmsProvider(ProviderOptions options) {
        super(ID, VonageSettingKeys.settings(), VonageSettingKeys.connection(), VonageService::from, VonageSmsProvider::new,
                options);
    }
}
