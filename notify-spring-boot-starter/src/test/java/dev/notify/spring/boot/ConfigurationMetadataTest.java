package dev.notify.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.notify.graph.GraphSenderProvider;
import dev.notify.settings.SettingDescription;
import dev.notify.settings.SettingsSchema;
import dev.notify.sms.SmsGatewayProvider;
import dev.notify.smtp.SmtpSenderProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;

/**
 * The configuration metadata IDEs read: generated from notify's own providers' schema into the checked-in
 * {@code additional-spring-configuration-metadata.json}, which the configuration processor merges into the jar's
 * {@code spring-configuration-metadata.json}. A stale file is rewritten and fails this test: review the change and
 * commit it.
 */
class ConfigurationMetadataTest {

    private static final Path CHECKED_IN =
            Path.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");
    private static final Path BUILT = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    private static final SettingsSchema NOTIFYS_PROVIDERS = SettingsSchema.of(List.of(
            new SmtpSenderProvider(), new GraphSenderProvider(), new SmsGatewayProvider()));

    @Test
    void checkedInMetadataIsGeneratedFromTheSchemaOfNotifysProviders() throws IOException {
        String generated = ConfigurationMetadataGenerator.generate(NOTIFYS_PROVIDERS);
        String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";

        if (!generated.equals(checkedIn)) {
            Files.writeString(CHECKED_IN, generated, StandardCharsets.UTF_8);
            fail(CHECKED_IN + " did not match the providers' keys and was rewritten: review and commit it, then "
                    + "build with mvn clean verify (the configuration processor merges it when it compiles)");
        }
    }

    @Test
    void builtMetadataDescribesEveryKeyWithItsTypeDefaultAndAllowedValues() throws IOException {
        ConfigurationMetadataRepository repository;
        try (InputStream in = Files.newInputStream(BUILT)) {
            repository = ConfigurationMetadataRepositoryJsonBuilder.create(in).build();
        }

        for (SettingDescription key : NOTIFYS_PROVIDERS.describe()) {
            ConfigurationMetadataProperty property = repository.getAllProperties().get("notify." + key.name());
            assertThat(property).as(key.name()).isNotNull();
            assertThat(property.getDescription()).as(key.name()).startsWith(key.description().strip());
        }
        ConfigurationMetadataProperty port = repository.getAllProperties().get("notify.email.smtp.port");
        assertThat(port.getType()).isEqualTo("java.lang.Integer");
        assertThat(port.getDefaultValue()).isNull();
        assertThat(port.getDescription()).contains("Default: 25 (465 when email.smtp.tls=implicit)");
        assertThat(repository.getAllProperties().get("notify.email.enabled").getDefaultValue()).isEqualTo(false);
        assertThat(repository.getAllProperties().get("notify.email.retry.initial-delay").getType())
                .isEqualTo("java.time.Duration");
        assertThat(repository.getAllProperties().get("notify.email.smtp.auth.password").getDescription())
                .contains("A secret", "credential group 'smtp-credentials'", "notify.email.delivery-method=smtp");
        assertThat(repository.getAllProperties().get("notify.email.smtp.tls").getHints().getValueHints())
                .extracting(h -> h.getValue()).contains("none", "starttls", "implicit");
        assertThat(repository.getAllProperties().get("notify.email.delivery-method").getHints().getValueHints())
                .extracting(h -> h.getValue()).containsExactly("graph", "smtp");
        assertThat(repository.getAllProperties()).containsKeys("notify.servers", "management.health.notify.enabled",
                "management.health.notify.probe.enabled", "management.observations.notify.include-addresses");
    }
}
