package dev.notify.microsoft;

import dev.notify.Channel;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.graph.GraphServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Settings with the app registration's keys, as a provider that declares them (Graph, SMTP for XOAUTH2) resolves
 * them, without either provider on the class path.
 */
final class IdentitySettings {

    /** The scope key of the provider that reads the identity keys here. */
    static final SettingKey<String> SCOPE = SettingKey.text("email.identity-test.scope")
            .defaultValue("https://graph.microsoft.com/.default")
            .description("The scope requested.")
            .build();

    static final SettingsSchema SCHEMA = SettingsSchema.of(List.of(new DeclaringProvider()));

    private IdentitySettings() {
    }

    /** The fixture's app registration settings (its trust store included), changed by {@code changes}. */
    static ResolvedSettings of(GraphServerExtension graph, UnaryOperator<Layer.Builder> changes) {
        Layer.Builder layer = Layer.builder(SCHEMA);
        graph.properties().forEach((key, value) -> {
            if (SCHEMA.key(key).isPresent()) {
                layer.set(key, value);
            }
        });
        return Settings.builder().schema(SCHEMA).global(changes.apply(layer).build()).build().resolveGlobal();
    }

    /** Declares the identity keys and {@link #SCOPE}; it creates no sender. */
    private static final class DeclaringProvider implements SenderProvider {

        @Override
        public String id() {
            return "identity-test";
        }

        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }

        @Override
        public ProviderSettings settings() {
            List<SettingKey<?>> keys = new ArrayList<>(MicrosoftIdentityKeys.all());
            keys.add(SCOPE);
            return ProviderSettings.of(keys, check -> MicrosoftIdentityKeys.validate(check, "required"));
        }

        @Override
        public Sender create(SenderContext context) {
            throw new UnsupportedOperationException("this provider only declares settings for the tests");
        }
    }
}
