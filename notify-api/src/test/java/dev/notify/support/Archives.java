package dev.notify.support;

import dev.notify.settings.SettingKey;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsExtension;
import java.util.List;

/** Settings extensions for discovery tests, public so that ServiceLoader can make them. */
public final class Archives {

    public static final SettingKey<Integer> COPIES = SettingKey.integer("archive.copies", 0, 5).defaultValue(1)
            .description("Copies kept.").build();
    public static final SettingKey<Integer> OTHER_COPIES = SettingKey.integer("archive.other-copies", 0, 5).defaultValue(1)
            .description("Copies kept elsewhere.").build();

    /** Registered for ServiceLoader in the tests' own services file. */
    public static final class ServiceLoadedArchive implements SettingsExtension {
        public ServiceLoadedArchive() {
        }

        @Override
        public String id() {
            return "archive";
        }

        @Override
        public ProviderSettings settings() {
            return ProviderSettings.of(List.of(COPIES), check -> { });
        }
    }

    /** An extension with the same id as {@link ServiceLoadedArchive} and a key of its own. */
    public static final class OtherArchive implements SettingsExtension {
        public OtherArchive() {
        }

        @Override
        public String id() {
            return "archive";
        }

        @Override
        public ProviderSettings settings() {
            return ProviderSettings.of(List.of(OTHER_COPIES), check -> { });
        }
    }

    /** A registration whose constructor fails, as a jar with a missing dependency does. */
    public static final class BrokenExtension implements SettingsExtension {
        public BrokenExtension() {
            throw new IllegalStateException("missing dependency");
        }

        @Override
        public String id() {
            return "broken";
        }

        @Override
        public ProviderSettings settings() {
            return ProviderSettings.none();
        }
    }

    private Archives() {
    }
}
