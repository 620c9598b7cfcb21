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
 * The keys of the {@code infobip} SMS provider, under {@code sms.infobip.}. Infobip gives each account its own
 * base URL, so the base URL and the API key form one credential group: a server that sets a key of another
 * account sets that account's base URL with it. The provider also reads the core's
 * {@code sms.default-country-code} and {@code sms.max-segments}.
 *
 * <p>This class is threadsafe.
 */
public final class InfobipSettingKeys {

    /** Credential group of the account's base URL and API key. */
    public static final String CREDENTIALS = "infobip-credentials";

    public static final SettingKey<URI> BASE_URL = ConnectionKeys.url("sms.infobip.base-url")
            .credentialGroup(CREDENTIALS)
            .description("The account's API base URL, https://<subdomain>.api.infobip.com, from the Infobip portal.")
            .build();
    public static final SettingKey<Secret> API_KEY = SettingKey.secret("sms.infobip.api-key")
            .credentialGroup(CREDENTIALS)
            .description("An API key of the account with the SMS scope; sent as 'Authorization: App <key>'.")
            .build();
    public static final SettingKey<String> FROM = SettingKey.text("sms.infobip.from")
            .check(SmsKeys::checkSender)
            .description("The sender: a number or an alphanumeric sender ID registered with the account; without it "
                    + "Infobip's default applies.")
            .build();

    public static final SettingKey<String> REPORT_USERNAME = SettingKey.text("sms.infobip.report-username")
            .description("The user name Infobip sends delivery reports with (HTTP Basic), as set for the account's "
                    + "webhook security. Or use sms.infobip.report-header.")
            .build();
    public static final SettingKey<Secret> REPORT_PASSWORD = SettingKey.secret("sms.infobip.report-password")
            .description("The password of sms.infobip.report-username.")
            .build();
    public static final SettingKey<String> REPORT_HEADER = SettingKey.text("sms.infobip.report-header")
            .check(name -> name.matches("[A-Za-z0-9-]{1,64}") ? null
                    : "must be an HTTP header name (letters, digits, '-'), was '" + name + "'")
            .description("The header that carries the API key Infobip sends delivery reports with, such as "
                    + "X-Report-Key. Or use sms.infobip.report-username.")
            .build();
    public static final SettingKey<Secret> REPORT_HEADER_VALUE = SettingKey.secret("sms.infobip.report-header-value")
            .description("The value Infobip sends in sms.infobip.report-header.")
            .build();

    private static final ConnectionKeys CONNECTION = ConnectionKeys.of(BASE_URL, "Infobip");

    public static final SettingKey<Duration> CONNECT_TIMEOUT = CONNECTION.connectTimeout();
    public static final SettingKey<Duration> REQUEST_TIMEOUT = CONNECTION.requestTimeout();
    public static final SettingKey<Path> TRUST_STORE = CONNECTION.trustStore();
    public static final SettingKey<Secret> TRUST_STORE_PASSWORD = CONNECTION.trustStorePassword();

    private static final List<SettingKey<?>> ALL = keys();

    private InfobipSettingKeys() {
    }

    /** The provider's keys, in reference order. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    static ConnectionKeys connection() {
        return CONNECTION;
    }

    static ProviderSettings settings() {
        return SmsKeys.settings(ALL, InfobipSettingKeys::validate);
    }

    private static List<SettingKey<?>> keys() {
        List<SettingKey<?>> keys = new ArrayList<>(List.of(BASE_URL, API_KEY, FROM,
                ReceiptSettingKeys.PUBLIC_BASE_URL, REPORT_USERNAME, REPORT_PASSWORD, REPORT_HEADER, REPORT_HEADER_VALUE));
        keys.addAll(CONNECTION.connection());
        return List.copyOf(keys);
    }

    private static void validate(SettingsCheck check) {
        String why = "required when sms.delivery-method=infobip";
        check.require(BASE_URL, why + ": the account's base URL").require(API_KEY, why);
        if (check.isSet(REPORT_USERNAME) || check.isSet(REPORT_PASSWORD)) {
            check.requireTogether(REPORT_USERNAME, REPORT_PASSWORD, "required together");
        }
        if (check.isSet(REPORT_HEADER) || check.isSet(REPORT_HEADER_VALUE)) {
            check.requireTogether(REPORT_HEADER, REPORT_HEADER_VALUE, "required together");
        }
        if (check.isSet(ReceiptSettingKeys.PUBLIC_BASE_URL)) {
            check.requireOneOf(REPORT_USERNAME, REPORT_HEADER, "required with sms.receipts.public-base-url: delivery "
                    + "reports without the account's webhook authentication are refused");
        }
        CONNECTION.validate(check);
    }
}
