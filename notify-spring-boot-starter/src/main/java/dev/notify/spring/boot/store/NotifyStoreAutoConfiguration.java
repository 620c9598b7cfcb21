package dev.notify.spring.boot.store;

import dev.notify.settings.SettingsSchema;
import dev.notify.settings.SettingsSource;
import dev.notify.spring.boot.EnvironmentSettingsSource;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import dev.notify.spring.boot.internal.StoreOverPropertiesSettingsSource;
import dev.notify.store.EncryptionKeys;
import dev.notify.store.JdbcSettingsStore;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreOptions;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The settings store on the application's {@link DataSource}, when {@code notify.store.type=jdbc}, notify-settings-store
 * is on the class path and the application has a {@code DataSource} bean: a {@link JdbcSettingsStore} bean, for the
 * host's admin page to apply change sets to, and, as the notifier's {@link SettingsSource}, the store's layers over
 * the {@code notify.} properties ({@link EnvironmentSettingsSource}), key by key, so the properties are the defaults
 * and the store holds what administrators change. Without {@code notify.store.type=jdbc} nothing here is created
 * and no {@code DataSource} is touched.
 */
@AutoConfiguration(before = NotifyAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = "dev.notify.store.JdbcSettingsStore")
@ConditionalOnProperty(prefix = "notify.store", name = "type", havingValue = NotifyStoreProperties.JDBC)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(NotifyStoreProperties.class)
public class NotifyStoreAutoConfiguration {

    /** Created by Spring. */
    public NotifyStoreAutoConfiguration() {
    }

    /**
     * The store, its tables created unless {@code notify.store.create-tables=false}.
     *
     * @throws IllegalArgumentException naming {@code notify.store.keys-file} or {@code notify.store.keys-variable}
     *     when the keys cannot be read, or when both are set
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public SettingsStore notifySettingsStore(DataSource dataSource, SettingsSchema schema,
            NotifyStoreProperties properties) {
        StoreOptions options = StoreOptions.builder().schema(schema).keys(keys(properties))
                .checkInterval(properties.checkInterval()).build();
        return JdbcSettingsStore.builder(dataSource).options(options).createTables(properties.createTables())
                .description("the application's DataSource").build();
    }

    /** The {@code notify.} properties, reloaded on {@code NotifySettingsChangedEvent}: the store's defaults. */
    @Bean
    @ConditionalOnMissingBean
    public EnvironmentSettingsSource notifyPropertiesSettingsSource(ConfigurableEnvironment environment,
            SettingsSchema schema) {
        return new EnvironmentSettingsSource(environment, schema);
    }

    /** What the notifier sends with: the store over the properties. */
    @Bean
    @Primary
    public SettingsSource notifySettingsSource(EnvironmentSettingsSource properties, SettingsStore store) {
        return new StoreOverPropertiesSettingsSource(properties, store);
    }

    static EncryptionKeys keys(NotifyStoreProperties properties) {
        if (properties.keysFile() != null && properties.keysVariable() != null) {
            throw new IllegalArgumentException("notify.store.keys-file and notify.store.keys-variable are both set: "
                    + "keep one");
        }
        try {
            if (properties.keysFile() != null) {
                return EncryptionKeys.fromFile(properties.keysFile());
            }
            if (properties.keysVariable() != null) {
                return EncryptionKeys.fromEnvironment(properties.keysVariable());
            }
        } catch (IllegalArgumentException e) {
            String key = properties.keysFile() != null ? "notify.store.keys-file" : "notify.store.keys-variable";
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
        return EncryptionKeys.none();
    }
}
