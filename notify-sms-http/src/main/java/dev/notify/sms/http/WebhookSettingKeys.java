package dev.notify.sms.http;

import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.sms.http.internal.ConnectionKeys;
import dev.notify.sms.http.internal.SmsKeys;
import dev.notify.sms.http.internal.WebhookHeaders;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsCheck;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of the {@code webhook} SMS provider, under {@code sms.webhook.}. The URL, the headers and the health
 * URL form one credential group, so a server that points the webhook elsewhere never sends the global layer's
 * token there. The provider also reads the core's {@code sms.default-country-code} and {@code sms.max-segments}.
 *
 * <p>This class is threadsafe.
 */
public final class WebhookSettingKeys {

    /** Credential group of the URL, the headers and the health URL. */
    public static final String CREDENTIALS = "webhook-credentials";

    public static final SettingKey<URI> URL = ConnectionKeys.url("sms.webhook.url")
            .credentialGroup(CREDENTIALS)
            .description("The relay's URL; each SMS is POSTed to it as JSON. Keep tokens out of it: use "
                    + "sms.webhook.headers.")
            .build();
    public static final SettingKey<Secret> HEADERS = SettingKey.secret("sms.webhook.headers")
            .credentialGroup(CREDENTIALS)
            .description("Request headers as 'Name: value' entries separated by ';', such as 'Authorization: Bearer "
                    + "${env:RELAY_TOKEN}'.")
            .build();
    public static final SettingKey<URI> HEALTH_URL = ConnectionKeys.url("sms.webhook.health-url")
            .credentialGroup(CREDENTIALS)
            .description("A URL that notify check GETs (2xx is healthy); the headers go along when it has the "
                    + "webhook's host. Without it the check reads the settings only.")
            .build();
    public static final SettingKey<String> FROM = SettingKey.text("sms.webhook.from")
            .description("A sender passed to the relay as 'from'; without it the field is left out.")
            .build();

    private static final ConnectionKeys CONNECTION = ConnectionKeys.of(URL, "the SMS webhook");

    public static final SettingKey<Duration> CONNECT_TIMEOUT = CONNECTION.connectTimeout();
    public static final SettingKey<Duration> REQUEST_TIMEOUT = CONNECTION.requestTimeout();
    public static final SettingKey<Path> TRUST_STORE = CONNECTION.trustStore();
    public static final SettingKey<Secret> TRUST_STORE_PASSWORD = CONNECTION.trustStorePassword();

    private static final List<SettingKey<?>> ALL = keys();

    private WebhookSettingKeys() {
    }

    /** The provider's keys, in reference order. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    static ConnectionKeys connection() {
        return CONNECTION;
    }

    static ProviderSettings settings() {
        return SmsKeys.settings(ALL, WebhookSettingKeys::validate);
    }

    private static List<SettingKey<?>> keys() {
        List<SettingKey<?>> keys = new ArrayList<>(List.of(URL, HEADERS, HEALTH_URL, FROM));
        keys.addAll(CONNECTION.connection());
        return List.copyOf(keys);
    }

    private static void validate(SettingsCheck check) {
        check.require(URL, "required when sms.delivery-method=webhook: the relay's URL");
        check.settings().find(HEADERS).ifPresent(headers -> {
            try {
                WebhookHeaders.parse(headers.reveal());
            } catch (IllegalArgumentException e) {
                check.problem(HEADERS, e.getMessage());
            }
        });
        CONNECTION.validate(check);
    }
}
