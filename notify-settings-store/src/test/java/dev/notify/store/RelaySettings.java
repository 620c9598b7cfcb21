package dev.notify.store;

import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingsSchema;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsExtension;
import java.util.List;

/** A settings extension with a host, a port, a user and a secret, the shape of every provider's keys. */
public final class RelaySettings implements SettingsExtension {

    public static final SettingKey<String> HOST = SettingKey.host("relay.host").description("Relay host.").build();
    public static final SettingKey<Integer> PORT = SettingKey.integer("relay.port", 1, 65535).defaultValue(25)
            .description("Relay port.").build();
    public static final SettingKey<String> USER = SettingKey.text("relay.user").description("Relay user.").build();
    public static final SettingKey<Secret> PASSWORD = SettingKey.secret("relay.password")
            .description("Relay password.").build();

    public static final SettingsSchema SCHEMA = SettingsSchema.of(List.of(), List.of(new RelaySettings()));

    @Override
    public String id() {
        return "relay";
    }

    @Override
    public ProviderSettings settings() {
        return ProviderSettings.of(List.of(HOST, PORT, USER, PASSWORD), check -> {
            if (check.settings().get(PORT) == 9) {
                check.problem(PORT, "port 9 is reserved");
            }
        });
    }
}
