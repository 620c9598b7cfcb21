package dev.notify.sms.http;

import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.sms.http.internal.ConnectionKeys;
import dev.notify.sms.http.internal.SmsKeys;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsCheck;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of the {@code twilio} SMS provider, under {@code sms.twilio.}. The account SID with its auth token, or
 * with an API key SID and secret, form one credential group. The provider also reads the core's
 * {@code sms.default-country-code} and {@code sms.max-segments}.
 *
 * <p>This class is threadsafe.
 */
public final class TwilioSettingKeys {

    /** Credential group of the account SID, auth token and API key. */
    public static final String CREDENTIALS = "twilio-credentials";

    public static final SettingKey<URI> BASE_URL = ConnectionKeys.url("sms.twilio.base-url")
            .defaultValue(URI.create("https://api.twilio.com"))
            .description("Twilio's REST API base URL; another for a regional endpoint or a test stub.")
            .build();
    public static final SettingKey<String> ACCOUNT_SID = SettingKey.text("sms.twilio.account-sid")
            .check(SmsKeys.sid("AC", "an Account SID"))
            .credentialGroup(CREDENTIALS)
            .description("The Account SID (AC...), from the Twilio Console.")
            .build();
    public static final SettingKey<Secret> AUTH_TOKEN = SettingKey.secret("sms.twilio.auth-token")
            .credentialGroup(CREDENTIALS)
            .description("The account's auth token. Or use an API key: sms.twilio.api-key-sid and "
                    + "sms.twilio.api-key-secret. Also verifies Twilio's status callbacks (X-Twilio-Signature).")
            .build();
    public static final SettingKey<String> API_KEY_SID = SettingKey.text("sms.twilio.api-key-sid")
            .check(SmsKeys.sid("SK", "an API key SID"))
            .credentialGroup(CREDENTIALS)
            .description("An API key's SID (SK...), instead of the auth token.")
            .build();
    public static final SettingKey<Secret> API_KEY_SECRET = SettingKey.secret("sms.twilio.api-key-secret")
            .credentialGroup(CREDENTIALS)
            .description("The API key's secret.")
            .build();
    public static final SettingKey<String> FROM = SettingKey.text("sms.twilio.from")
            .check(SmsKeys::checkSender)
            .description("The sender: an SMS-capable Twilio number in E.164, a short code or an alphanumeric sender "
                    + "ID. Or use sms.twilio.messaging-service-sid.")
            .build();
    public static final SettingKey<String> MESSAGING_SERVICE_SID = SettingKey.text("sms.twilio.messaging-service-sid")
            .check(SmsKeys.sid("MG", "a Messaging Service SID"))
            .description("A Messaging Service (MG...) that picks the sender from its pool, instead of sms.twilio.from.")
            .build();

    private static final ConnectionKeys CONNECTION = ConnectionKeys.of(BASE_URL, "Twilio");

    public static final SettingKey<Duration> CONNECT_TIMEOUT = CONNECTION.connectTimeout();
    public static final SettingKey<Duration> REQUEST_TIMEOUT = CONNECTION.requestTimeout();
    public static final SettingKey<Path> TRUST_STORE = CONNECTION.trustStore();
    public static final SettingKey<Secret> TRUST_STORE_PASSWORD = CONNECTION.trustStorePassword();

    private static final List<SettingKey<?>> ALL = keys();

    private TwilioSettingKeys() {
    }

    /** The provider's keys, in reference order. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    static ConnectionKeys connection() {
        return CONNECTION;
    }

    static ProviderSettings settings() {
        return SmsKeys.settings(ALL, TwilioSettingKeys::validate);
    }

    private static List<SettingKey<?>> keys() {
        List<SettingKey<?>> keys = new ArrayList<>(List.of(BASE_URL, ACCOUNT_SID, AUTH_TOKEN, API_KEY_SID,
                API_KEY_SECRET, FROM, MESSAGING_SERVICE_SID, ReceiptSettingKeys.PUBLIC_BASE_URL));
        keys.addAll(CONNECTION.connection());
        return List.copyOf(keys);
    }

    private static void validate(SettingsCheck check) {
        String why = "required when sms.delivery-method=twilio";
        check.require(ACCOUNT_SID, why).requireOneOf(AUTH_TOKEN, API_KEY_SID, why);
        if (check.isSet(API_KEY_SID) || check.isSet(API_KEY_SECRET)) {
            check.requireTogether(API_KEY_SID, API_KEY_SECRET, why);
        }
        check.requireOneOf(FROM, MESSAGING_SERVICE_SID, why + ": the sender");
        if (check.isSet(ReceiptSettingKeys.PUBLIC_BASE_URL)) {
            check.require(AUTH_TOKEN, "required with sms.receipts.public-base-url: Twilio signs its status callbacks "
                    + "with the account's auth token, also when sends use an API key");
        }
        CONNECTION.validate(check);
    }
}
