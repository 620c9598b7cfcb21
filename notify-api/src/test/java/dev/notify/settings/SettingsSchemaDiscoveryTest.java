package dev.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Channel;
import dev.notify.Notifier;
import dev.notify.spi.SettingsExtension;
import dev.notify.support.Archives.BrokenExtension;
import dev.notify.support.Archives.OtherArchive;
import dev.notify.support.Archives.ServiceLoadedArchive;
import dev.notify.support.LogCapture;
import dev.notify.support.RecordingProvider;
import dev.notify.support.ServiceFiles;
import dev.notify.support.ServiceLoadedEmailProvider;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SettingsSchema#discover}: the one routine that installs providers and settings extensions. */
class SettingsSchemaDiscoveryTest {

    @TempDir
    Path dir;

    @Test
    void discoverFindsProvidersAndSettingsExtensionsWithTheGivenClassLoader() throws IOException {
        try (URLClassLoader loader = ServiceFiles.loaderListing(dir, SettingsExtension.class,
                List.of(ServiceLoadedArchive.class))) {

            SettingsSchema schema = SettingsSchema.discover(List.of(), List.of(), loader);

            assertThat(schema.providerIds(Channel.EMAIL)).contains(ServiceLoadedEmailProvider.ID);
            assertThat(schema.extensions()).singleElement().isInstanceOf(ServiceLoadedArchive.class);
            assertThat(schema.key("archive.copies")).isPresent();
        }
    }

    @Test
    void givenProvidersAndExtensionsWinOverDiscoveredOnesWithTheSameId() throws IOException {
        RecordingProvider own = RecordingProvider.email(ServiceLoadedEmailProvider.ID);
        OtherArchive ownArchive = new OtherArchive();
        try (URLClassLoader loader = ServiceFiles.loaderListing(dir, SettingsExtension.class,
                List.of(ServiceLoadedArchive.class))) {

            SettingsSchema schema = SettingsSchema.discover(List.of(own), List.of(ownArchive), loader);

            assertThat(schema.provider(Channel.EMAIL, ServiceLoadedEmailProvider.ID)).containsSame(own);
            assertThat(schema.extensions()).containsExactly(ownArchive);
            assertThat(schema.key("archive.other-copies")).isPresent();
            assertThat(schema.key("archive.copies")).isEmpty();
        }
    }

    @Test
    void brokenExtensionIsLoggedAndSkippedAndTheOthersAreStillFound() throws IOException {
        try (URLClassLoader loader = ServiceFiles.loaderListing(dir, SettingsExtension.class,
                List.of(BrokenExtension.class, ServiceLoadedArchive.class));
                LogCapture log = LogCapture.debug("dev.notify")) {

            SettingsSchema schema = SettingsSchema.discover(List.of(), List.of(), loader);

            assertThat(schema.extensions()).singleElement().isInstanceOf(ServiceLoadedArchive.class);
            assertThat(log.text()).contains("WARN").contains(BrokenExtension.class.getName());
        }
    }

    @Test
    void twoDiscoveredExtensionsWithOneIdNameBothClasses() throws IOException {
        try (URLClassLoader loader = ServiceFiles.loaderListing(dir, SettingsExtension.class,
                List.of(ServiceLoadedArchive.class, OtherArchive.class))) {

            assertThatThrownBy(() -> SettingsSchema.discover(List.of(), List.of(), loader))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'archive'")
                    .hasMessageContaining(ServiceLoadedArchive.class.getName())
                    .hasMessageContaining(OtherArchive.class.getName());
        }
    }

    @Test
    void notifierWithoutDiscoveryKeepsTheExtensionsOfADiscoveredSchema() throws IOException {
        try (URLClassLoader loader = ServiceFiles.loaderListing(dir, SettingsExtension.class,
                List.of(ServiceLoadedArchive.class))) {
            SettingsSchema discovered = SettingsSchema.discover(List.of(), List.of(), loader);
            var builder = Notifier.builder().settings(Settings.builder().build()).discoverProviders(false);
            discovered.providers().forEach(builder::provider);
            discovered.extensions().forEach(builder::settingsExtension);

            try (Notifier notifier = builder.build()) {

                assertThat(notifier.schema()).isEqualTo(discovered);
                assertThat(notifier.schema().key("archive.copies")).isPresent();
            }
        }
    }
}
