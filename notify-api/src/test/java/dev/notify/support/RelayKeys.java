package dev.notify.support;

import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsCheck;
import java.util.List;

/**
 * Keys of a relay-like provider, declared only in notify-api's tests: a required host, a port with a default,
 * and a user name and password that form a credential group. The names follow the SMTP module's, so the
 * settings mechanism is tested with the shapes administrators write.
 */
public final class RelayKeys {

    public static final String CREDENTIALS = "relay-credentials";

    public static final SettingKey<String> HOST = SettingKey.host("email.smtp.host")
            .description("The relay's host.")
            .build();
    public static final SettingKey<Integer> PORT = SettingKey.integer("email.smtp.port", 1, 65535)
            .defaultValue(25)
            .description("The relay's port.")
            .build();
    public static final SettingKey<Boolean> AUTH_ENABLED = SettingKey.bool("email.smtp.auth.enabled")
            .defaultValue(false)
            .description("Whether the relay wants a user name and password.")
            .build();
    public static final SettingKey<String> USERNAME = SettingKey.text("email.smtp.auth.username")
            .credentialGroup(CREDENTIALS)
            .description("The relay's user name.")
            .build();
    public static final SettingKey<Secret> PASSWORD = SettingKey.secret("email.smtp.auth.password")
            .credentialGroup(CREDENTIALS)
            .description("The relay's password.")
            .build();
    public static final SettingKey<java.time.Duration> READ_TIMEOUT = SettingKey.duration("email.smtp.read-timeout")
            .defaultValue(java.time.Duration.ofSeconds(30))
            .description("How long to wait for a reply.")
            .build();

    public static final ProviderSettings SETTINGS = ProviderSettings.of(List.of(HOST, PORT, AUTH_ENABLED, USERNAME, PASSWORD,
            READ_TIMEOUT), RelayKeys::validate);

    private RelayKeys() {
    }

    private static void validate(SettingsCheck check) {
        check.require(HOST, "required by the relay");
        if (check.isSet(USERNAME) || check.isSet(PASSWORD)) {
            check.requireTogether(USERNAME, PASSWORD, "required together");
        }
    }
}
