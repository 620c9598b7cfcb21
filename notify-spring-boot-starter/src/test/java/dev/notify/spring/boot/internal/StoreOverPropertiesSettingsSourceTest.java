package dev.notify.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.settings.InMemorySettingsSource;
import dev.notify.settings.Layer;
import dev.notify.settings.Origin;
import dev.notify.settings.SettingKey;
import dev.notify.settings.Settings;
import org.junit.jupiter.api.Test;

class StoreOverPropertiesSettingsSourceTest {

    private static final SettingKey<?> SENDER = Settings.builder().build().schema().key("email.sender").orElseThrow();

    private static Layer sender(String address) {
        return Layer.builder().set("email.sender", address).build();
    }

    @Test
    void serverInheritsFromThePropertiesParentUnlessTheStoreNamesOne() {
        InMemorySettingsSource properties = new InMemorySettingsSource(Settings.builder()
                .server("tenant-a", sender("a@example.com")).server("tenant-b", sender("b@example.com"))
                .server("eu-1", "tenant-a", Layer.empty()).server("eu-2", "tenant-a", Layer.empty()).build());
        InMemorySettingsSource store = new InMemorySettingsSource(Settings.builder()
                .server("tenant-b", Layer.empty()).server("eu-1", Layer.builder().set("email.reply-to",
                        "help@example.com").build())
                .server("eu-2", "tenant-b", Layer.empty()).build());

        Settings combined = new StoreOverPropertiesSettingsSource(properties, store).current();

        assertThat(combined.parentOf("eu-1")).hasValue("tenant-a");
        assertThat(combined.resolve("eu-1").find(SENDER).orElseThrow().toString()).contains("a@example.com");
        assertThat(combined.resolve("eu-1").origin(SENDER)).isEqualTo(Origin.server("tenant-a"));
        assertThat(combined.parentOf("eu-2")).hasValue("tenant-b");
        assertThat(combined.resolve("eu-2").find(SENDER).orElseThrow().toString()).contains("b@example.com");
    }

    @Test
    void aCycleAcrossTheTwoSourcesKeepsTheLastCombinedSettings() {
        InMemorySettingsSource properties = new InMemorySettingsSource(Settings.builder()
                .server("a", Layer.empty()).server("b", "a", sender("b@example.com")).build());
        InMemorySettingsSource store = new InMemorySettingsSource(Settings.builder().build());
        StoreOverPropertiesSettingsSource source = new StoreOverPropertiesSettingsSource(properties, store);
        Settings before = source.current();

        store.update(Settings.builder().server("b", Layer.empty()).server("a", "b", Layer.empty()).build());

        assertThat(source.current()).isSameAs(before);
        assertThat(source.current()).isSameAs(before);
    }

    @Test
    void anEmptyStoreGivesThePropertiesOwnInstance() {
        Settings fromProperties = Settings.builder().global(sender("p@example.com")).build();
        InMemorySettingsSource store = new InMemorySettingsSource(Settings.builder().build());

        assertThat(new StoreOverPropertiesSettingsSource(() -> fromProperties, store).current())
                .isSameAs(fromProperties);
    }
}
