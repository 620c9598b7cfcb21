package dev.notify.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.settings.SettingsSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;

/**
 * The configuration metadata IDEs read, as this application's class path holds it: every notify module's own
 * META-INF/spring-configuration-metadata.json, together describing every installed key once.
 */
class ConfigurationMetadataTest {

    @Test
    void eachModuleDescribesItsOwnKeysAndTogetherTheyDescribeEveryInstalledKeyOnce() throws IOException {
        Map<String, Map<String, ConfigurationMetadataProperty>> byModule = metadata();
        List<String> all = new ArrayList<>();
        byModule.values().forEach(properties -> all.addAll(properties.keySet()));

        assertThat(module(byModule, "notify-sms-http")).containsKeys("notify.sms.twilio.account-sid",
                "notify.sms.twilio.auth-token", "notify.sms.twilio.from");
        assertThat(module(byModule, "notify-outbox")).containsKeys("notify.outbox.max-age",
                "notify.outbox.keep-accepted");
        assertThat(module(byModule, "notify-api")).containsKeys("notify.email.enabled", "notify.sms.max-segments");
        assertThat(module(byModule, "notify-smtp")).containsKey("notify.email.smtp.host")
                .doesNotContainKey("notify.email.enabled");
        assertThat(module(byModule, "notify-spring-boot-starter").keySet()).filteredOn(k -> k.startsWith("notify."))
                .containsExactlyInAnyOrder("notify.servers", "notify.store.type", "notify.store.keys-file",
                        "notify.store.keys-variable", "notify.store.create-tables", "notify.store.check-interval",
                        "notify.sms-receipts.enabled", "notify.sms-receipts.path", "notify.admin.enabled",
                        "notify.admin.path", "notify.admin.role", "notify.admin.test-recipient");
        assertThat(all).doesNotHaveDuplicates();
        Set<String> installed = new HashSet<>();
        SettingsSchema.installed().keys().forEach(k -> installed.add("notify." + k.name()));
        assertThat(all).containsAll(installed);
    }

    @Test
    void propertiesCarryTypeDefaultAndDescription() throws IOException {
        Map<String, ConfigurationMetadataProperty> smtp = module(metadata(), "notify-smtp");

        ConfigurationMetadataProperty port = smtp.get("notify.email.smtp.port");
        assertThat(port.getType()).isEqualTo("java.lang.Integer");
        assertThat(port.getDescription()).contains("Default: 25 (465 when email.smtp.tls=implicit)");
        assertThat(smtp.get("notify.email.smtp.auth.password").getDescription())
                .contains("A secret", "credential group 'smtp-credentials'", "notify.email.delivery-method=smtp");
        assertThat(smtp.get("notify.email.smtp.tls").getHints().getValueHints()).extracting(h -> h.getValue())
                .contains("none", "starttls", "implicit");
        assertThat(module(metadata(), "notify-outbox").get("notify.outbox.max-age").getType())
                .isEqualTo("java.time.Duration");
    }

    private static Map<String, ConfigurationMetadataProperty> module(
            Map<String, Map<String, ConfigurationMetadataProperty>> byModule, String module) {
        return byModule.entrySet().stream().filter(e -> e.getKey().contains("/" + module + "/")).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no metadata of " + module + " in " + byModule.keySet()));
    }

    /** The properties of each META-INF/spring-configuration-metadata.json on the class path, by its URL. */
    private static Map<String, Map<String, ConfigurationMetadataProperty>> metadata() throws IOException {
        Map<String, Map<String, ConfigurationMetadataProperty>> byUrl = new LinkedHashMap<>();
        for (URL url : Collections.list(ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            if (!url.toString().contains("/notify-")) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                byUrl.put(url.toString(), ConfigurationMetadataRepositoryJsonBuilder.create(in).build().getAllProperties());
            }
        }
        return byUrl;
    }
}
