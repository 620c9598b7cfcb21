package dev.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsExtension;
import dev.notify.support.RecordingProvider;
import dev.notify.support.TestSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsExtensionTest {

    static final SettingKey<Duration> MAX_AGE = SettingKey.duration("archive.max-age")
            .defaultValue(Duration.ofDays(2))
            .description("How long a message is kept.")
            .build();
    static final SettingKey<Integer> COPIES = SettingKey.integer("archive.copies", 0, 5)
            .defaultValue(1)
            .description("Copies kept.")
            .build();

    static final class Archive implements SettingsExtension {
        @Override
        public String id() {
            return "archive";
        }

        @Override
        public ProviderSettings settings() {
            return ProviderSettings.of(List.of(MAX_AGE, COPIES), check -> {
                if (check.settings().get(COPIES) == 0 && check.settings().origin(MAX_AGE).kind() != Origin.Kind.DEFAULT) {
                    check.problem(MAX_AGE, "has no effect when archive.copies=0");
                }
            });
        }
    }

    private final SettingsSchema schema = SettingsSchema.of(List.of(RecordingProvider.email("smtp")), List.of(new Archive()));

    @Test
    void extensionKeysResolvePerServerWithTheirOrigin() {
        Settings settings = PropertiesFormat.standard().withSchema(schema).parse(TestSettings.map(
                "archive.max-age=3h", "servers.eu-1.archive.copies=3"));

        ResolvedSettings eu1 = settings.resolve("eu-1");

        assertThat(eu1.get(MAX_AGE)).isEqualTo(Duration.ofHours(3));
        assertThat(eu1.origin(MAX_AGE)).isEqualTo(Origin.GLOBAL);
        assertThat(eu1.get(COPIES)).isEqualTo(3);
        assertThat(eu1.origin(COPIES)).isEqualTo(Origin.server("eu-1"));
        assertThat(schema.declaredBy(COPIES)).containsExactly("archive");
        assertThat(schema.appliesWhen(COPIES)).isEmpty();
    }

    @Test
    void extensionValidatorRunsForEveryServerWhateverTheChannels() {
        Settings settings = PropertiesFormat.standard().withSchema(schema).parse(TestSettings.map(
                "archive.max-age=3h", "servers.eu-1.archive.copies=0"));

        assertThat(settings.resolve("eu-1").problems()).extracting(Problem::toString)
                .containsExactly("archive.max-age: has no effect when archive.copies=0");
        assertThat(settings.resolve("us-1").problems()).isEmpty();
    }

    @Test
    void notifierRegistersAnExplicitExtensionInItsSchema() {
        try (Notifier notifier = Notifier.builder().settings(Settings.of(Layer.empty())).discoverProviders(false)
                .settingsExtension(new Archive()).build()) {

            assertThat(notifier.schema().key("archive.copies")).contains(COPIES);
            assertThat(notifier.schema().extensions()).extracting(SettingsExtension::id).containsExactly("archive");
        }
    }

    @Test
    void unknownExtensionKeyGetsASuggestion() {
        Map<String, String> typo = TestSettings.map("archive.copis=2");

        assertThat(catchThrowable(
                () -> PropertiesFormat.standard().withSchema(schema).parse(typo)))
                .hasMessageContaining("archive.copis: unknown setting; did you mean 'archive.copies'?");
    }
}
