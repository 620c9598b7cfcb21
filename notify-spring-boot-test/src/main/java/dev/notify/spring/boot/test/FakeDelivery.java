package dev.notify.spring.boot.test;

import dev.notify.Channel;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.spring.boot.NotifySettingsCustomizer;
import dev.notify.testkit.FakeEmailProvider;

/**
 * Settings with {@code fake} as the delivery method of the global layer and of every server layer that names one;
 * server layers that don't inherit it, and everything else stays as it was.
 */
final class FakeDelivery implements NotifySettingsCustomizer {

    @Override
    public Settings customize(Settings settings) {
        Settings.Builder faked = Settings.builder(settings).global(fake(settings.global(), true));
        for (String id : settings.serverIds()) {
            Layer layer = fake(settings.server(id).orElseThrow(), false);
            settings.parentOf(id).ifPresentOrElse(parent -> faked.server(id, parent, layer),
                    () -> faked.server(id, layer));
        }
        return faked.build();
    }

    private static Layer fake(Layer layer, boolean always) {
        Layer.Builder faked = Layer.builder(layer);
        for (Channel channel : Channel.values()) {
            SettingKey<String> method = SettingKeys.deliveryMethod(channel);
            if (always || layer.mentions(method)) {
                faked.set(method, FakeEmailProvider.ID);
            }
        }
        return faked.build();
    }
}
