package dev.notify.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;

/**
 * The starter's own configuration metadata: its properties, {@code notify.servers}, {@code notify.store.}, {@code notify.sms-receipts.} and {@code notify.admin.}, and no provider's key, since
 * every notify module ships the metadata of the keys it declares.
 */
class ConfigurationMetadataTest {

    private static final Path BUILT = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    @Test
    void starterDescribesItsOwnPropertiesAndNoModulesKey() throws IOException {
        ConfigurationMetadataRepository repository;
        try (InputStream in = Files.newInputStream(BUILT)) {
            repository = ConfigurationMetadataRepositoryJsonBuilder.create(in).build();
        }

        assertThat(repository.getAllProperties()).containsKeys("notify.servers", "management.health.notify.enabled",
                "management.health.notify.probe.enabled", "management.observations.notify.include-addresses");
        assertThat(repository.getAllProperties().keySet()).filteredOn(k -> k.startsWith("notify."))
                .containsExactlyInAnyOrder("notify.servers", "notify.store.type", "notify.store.keys-file",
                        "notify.store.keys-variable", "notify.store.create-tables", "notify.store.check-interval",
                        "notify.sms-receipts.enabled", "notify.sms-receipts.path", "notify.admin.enabled",
                        "notify.admin.path", "notify.admin.role", "notify.admin.test-recipient");
        assertThat(repository.getAllProperties().get("notify.store.type").getHints().getValueHints())
                .extracting(hint -> hint.getValue()).containsExactly("jdbc");
    }
}
