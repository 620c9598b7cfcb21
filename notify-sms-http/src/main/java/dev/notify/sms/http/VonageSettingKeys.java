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
 * The keys of the {@code vonage} SMS provider, under {@code sms.vonage.}. The API key and secret form one
 * credential group. The provider also reads the core's {@code sms.default-country-code} and
 * {@code sms.max-segments}.
 *
 * <p>This class is threadsafe.
 */
public final class VonageSettingKeys {

    /** Credential group of the API key and secret. */
    public static final String CREDENTIALS = "vonage-credentials";

    public static final SettingKey<URI> BASE_URL = ConnectionKeys.url("sms.vonage.base-url")
            .defaultValue(URI.create("https://rest.nexmo.com"))
            .description("The base URL of Vonage's SMS API and account API; another for a test stub.")
            .build();
    public static final SettingKey<String> API_KEY = SettingKey.text("sms.vonage.api-key")
            .credentialGroup(CREDENTIALS)
            .description("The API key, from the Vonage API Dashboard.")
            .build();
    public static final SettingKey<Secret> API_SECRET = SettingKey.secret("sms.vonage.api-secret")
            .credentialGroup(CREDENTIALS)
            .description("The API secret.")
            .build();
    public static final SettingKey<String> FROM = SettingKey.text("sms.vonage.from")
            .check(SmsKeys::checkSender)
            .description("The sender: a Vonage number of the account (required in the US and Canada) or an "
                    + "alphanumeric sender ID.")
            .build();

    public static final SettingKey<Secret> SIGNATURE_SECRET = SettingKey.secret("sms.vonage.signature-secret")
            .description("The account's signature secret (Dashboard, API settings): verifies the signed delivery "
                    + "receipts, the 'sig' of the SMS API and the JWT of the Messages API. Required with "
                    + "sms.receipts.public-base-url.")
            .build();
    public static final SettingKey<String> SIGNATURE_METHOD = SettingKey.text("sms.vonage.signature-method")
            .check(m -> List.of("md5hash", "md5", "sha1", "sha256", "sha512").contains(m) ? null
                    : "must be md5hash, md5, sha1, sha256 or sha512, was '" + m + "'")
            .allowedValues("md5hash", "md5", "sha1", "sha256", "sha512")
            .defaultValue("md5hash")
            .description("The signature method the account signs SMS API webhooks with: md5hash (Vonage's default), "
                    + "or the HMAC md5, sha1, sha256 or sha512.")
            .build();

    private static final ConnectionKeys CONNECTION = ConnectionKeys.of(BASE_URL, "Vonage");

    public static final SettingKey<Duration> CONNECT_TIMEOUT = CONNECTION.connectTimeout();
    public static final SettingKey<Duration> REQUEST_TIMEOUT = CONNECTION.requestTimeout();
    public static final SettingKey<Path> TRUST_STORE = CONNECTION.trustStore();
    public static final SettingKey<Secret> TRUST_STORE_PASSWORD = CONNECTION.trustStorePassword();

    private static final List<SettingKey<?>> ALL = keys();

    private VonageSettingKeys() {
    }

    /** The provider's keys, in reference order. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    static ConnectionKeys connection() {
        return CONNECTION;
    }

    static ProviderSettings settings() {
        return SmsKeys.settings(ALL, VonageSettingKeys::validate);
    }

    private static List<SettingKey<?>> keys() {
        List<SettingKey<?>> keys = new ArrayList<>(List.of(BASE_URL, API_KEY, API_SECRET, FROM,
                ReceiptSettingKeys.PUBLIC_BASE_URL, SIGNATURE_SECRET, SIGNATURE_METHOD));
        keys.addAll(CONNECTION.connection());
        return List.copyOf(keys);
    }

    private static void validate(SettingsCheck check) {
        String why = "required when sms.delivery-method=vonage";
        check.require(API_KEY, why).require(API_SECRET, why).require(FROM, why + ": the sender");
        if (check.isSet(ReceiptSettingKeys.PUBLIC_BASE_URL)) {
            check.require(SIGNATURE_SECRET, "required with sms.receipts.public-base-url: unsigned delivery receipts "
                    + "are refused; turn on signed webhooks for the API key in the Vonage Dashboard");
        }
        CONNECTION.validate(check);
    }
}
