package dev.notify.spring.boot.internal;

import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSource;
import dev.notify.spring.boot.NotifySettingsCustomizer;
import java.util.List;

/**
 * A source whose settings pass through customizers. The customized settings are kept until the source returns
 * another instance, so the notifier's caches keyed by the settings instance keep working. Threadsafe.
 */
public final class CustomizedSettingsSource implements SettingsSource {

    private final SettingsSource source;
    private final List<NotifySettingsCustomizer> customizers;
    private volatile Pair last;

    private record Pair(Settings original, Settings customized) {
    }

    private CustomizedSettingsSource(SettingsSource source, List<NotifySettingsCustomizer> customizers) {
        this.source = source;
        this.customizers = List.copyOf(customizers);
    }

    /** {@code source} itself when there is no customizer. */
    public static SettingsSource of(SettingsSource source, List<NotifySettingsCustomizer> customizers) {
        return customizers.isEmpty() ? source : new CustomizedSettingsSource(source, customizers);
    }

    @Override
    public Settings current() {
        Settings original = source.current();
        Pair pair = last;
        if (pair != null && pair.original() == original) {
            return pair.customized();
        }
        Settings customized = original;
        for (NotifySettingsCustomizer customizer : customizers) {
            customized = customizer.customize(customized);
        }
        last = new Pair(original, customized);
        return customized;
    }
}
