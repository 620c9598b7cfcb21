package dev.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsExtension;
import dev.notify.support.LogCapture;
import dev.notify.support.RecordingProvider;
import dev.notify.support.TestSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeprecatedKeyNameTest {

    static final SettingKey<String> HOST = SettingKey.host("archive.remote.host")
            .description("Where copies go.")
            .deprecatedName("archive.host")
            .build();
    static final SettingKey<Secret> TOKEN = SettingKey.secret("archive.remote.token")
            .description("The remote's token.")
            .deprecatedName("archive.token")
            .build();

    private static SettingsExtension extension(String id, SettingKey<?>... keys) {
        return new SettingsExtension() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public ProviderSettings settings() {
                return ProviderSettings.of(List.of(keys), check -> { });
            }
        };
    }

    private final SettingsSchema schema = SettingsSchema.of(List.of(RecordingProvider.email("smtp")),
            List.of(extension("archive", HOST, TOKEN)));
    private final PropertiesFormat format = PropertiesFormat.standard().withSchema(schema)
            .withEnvironment(name -> name.equals("TOKEN") ? "s3cr3t" : null);

    @Test
    void oldNameIsReadAsTheNewKeyAndListedPerLayerWithTheKeyToWrite() {
        Settings settings = format.parse(TestSettings.map("archive.host=old.example", "servers.eu-1.archive.host=eu.example"));

        assertThat(settings.resolveGlobal().get(HOST)).isEqualTo("old.example");
        assertThat(settings.resolve("eu-1").get(HOST)).isEqualTo("eu.example");
        assertThat(settings.deprecatedNames()).extracting(Problem::key, Problem::message).containsExactly(
                tuple("archive.host",
                        "deprecated name of archive.remote.host, read as that key; rename it"),
                tuple("servers.eu-1.archive.host",
                        "deprecated name of servers.eu-1.archive.remote.host, read as that key; rename it"));
    }

    @Test
    void settingsWrittenWithTheOldNameEqualThoseWrittenWithTheNew() {
        Settings old = format.parse(TestSettings.map("archive.host=h.example"));
        Settings current = format.parse(TestSettings.map("archive.remote.host=h.example"));

        assertThat(old).isEqualTo(current);
        assertThat(current.deprecatedNames()).isEmpty();
        assertThat(format.format(old)).contains("archive.remote.host=h.example").doesNotContain("archive.host=");
    }

    @Test
    void oneWarningPerOldNameAndSettingsNamingTheNewKey() {
        try (LogCapture log = LogCapture.debug(Settings.class.getName())) {
            format.parse(TestSettings.map("archive.host=a.example", "servers.eu-1.archive.host=b.example",
                    "servers.us-1.archive.host=c.example"));

            assertThat(log.events()).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("archive.host is deprecated", "rename it to archive.remote.host",
                        "archive.host, servers.eu-1.archive.host, servers.us-1.archive.host");
            });
        }
    }

    @Test
    void oldAndNewNameInOneLayerIsAnErrorNamingBoth() {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> format.parse(TestSettings.map(
                "servers.eu-1.archive.host=old.example", "servers.eu-1.archive.remote.host=new.example")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isIn("servers.eu-1.archive.host", "servers.eu-1.archive.remote.host");
            assertThat(p.message()).contains("archive.host and archive.remote.host are one setting",
                    "keep only archive.remote.host");
        });
    }

    @Test
    void oldNameInOneLayerAndNewNameInAnotherIsAnOverride() {
        Settings settings = format.parse(TestSettings.map("archive.host=old.example",
                "servers.eu-1.archive.remote.host=new.example"));

        assertThat(settings.resolve("eu-1").get(HOST)).isEqualTo("new.example");
    }

    @Test
    void secretReadThroughAReferenceUnderItsOldNameKeepsTheReferenceAndRefusesTheNewNameBeside() {
        Settings settings = format.parse(TestSettings.map("archive.token=${env:TOKEN}"));
        assertThat(settings.resolveGlobal().get(TOKEN).reveal()).isEqualTo("s3cr3t");
        assertThat(format.format(settings)).contains("archive.remote.token=${env:TOKEN}");

        assertThatThrownBy(() -> format.parse(TestSettings.map("archive.token=${env:TOKEN}",
                "archive.remote.token=${env:TOKEN}"))).isInstanceOf(SettingsException.class)
                .hasMessageContaining("keep only archive.remote.token");
    }

    @Test
    void layerBuilderReadsTheOldNameToo() {
        Layer layer = Layer.builder(schema).set("archive.host", "old.example").build();

        assertThat(layer.get(HOST)).contains("old.example");
        assertThat(layer.deprecatedNames()).containsOnlyKeys("archive.host");
        assertThatThrownBy(() -> Layer.builder(schema).set("archive.remote.host", "a.example")
                .set("archive.host", "b.example")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("archive.host and archive.remote.host are one setting");
    }

    @Test
    void aDeprecatedNameThatIsAnotherKeysNameIsRefusedByTheSchema() {
        SettingKey<String> clash = SettingKey.text("archive.other").deprecatedName("archive.remote.host").build();
        assertThatThrownBy(() -> SettingsSchema.of(List.of(), List.of(extension("clash", HOST, clash)))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("archive.other declares the deprecated name archive.remote.host");
    }
}
