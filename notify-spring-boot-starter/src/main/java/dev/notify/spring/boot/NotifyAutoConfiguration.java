package dev.notify.spring.boot;

import dev.notify.Notifier;
import dev.notify.NotifierBuilder;
import dev.notify.SendListener;
import dev.notify.settings.SettingsSchema;
import dev.notify.settings.SettingsSource;
import dev.notify.spi.SenderProvider;
import dev.notify.spi.SettingsExtension;
import dev.notify.spring.boot.internal.CustomizedSettingsSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configures notify: the providers and their keys ({@link SettingsSchema}), the settings from the Spring
 * environment ({@link EnvironmentSettingsSource}) and the {@link Notifier}, closed when the context closes. Each
 * backs off when the application declares its own bean of the type.
 *
 * <p>Providers and settings extensions are the application's {@link SenderProvider} and {@link SettingsExtension}
 * beans and those ServiceLoader finds, as {@link SettingsSchema#discover} installs them: a bean wins over a
 * discovered module with the same id (and channel). Every {@link SendListener} bean is registered on the
 * notifier, in {@code @Order}; {@link NotifySettingsCustomizer} and {@link NotifierCustomizer} beans adjust it.
 */
@AutoConfiguration
@ConditionalOnClass(Notifier.class)
public class NotifyAutoConfiguration {

    /** Spring Boot creates it; a public no-argument constructor, as for any auto-configured bean. */
    public NotifyAutoConfiguration() {
    }

    /** The providers and settings extensions the notifier uses, and every key it understands. */
    @Bean
    @ConditionalOnMissingBean
    public SettingsSchema notifySettingsSchema(ObjectProvider<SenderProvider> providers,
            ObjectProvider<SettingsExtension> extensions, ResourceLoader resourceLoader) {
        ClassLoader classLoader = resourceLoader.getClassLoader() != null
                ? resourceLoader.getClassLoader() : Notifier.class.getClassLoader();
        return SettingsSchema.discover(providers.orderedStream().toList(), extensions.orderedStream().toList(),
                classLoader);
    }

    /** The settings under {@code notify.}; read at startup, so invalid settings stop the application. */
    @Bean
    @ConditionalOnMissingBean(SettingsSource.class)
    public EnvironmentSettingsSource notifySettingsSource(ConfigurableEnvironment environment, SettingsSchema schema) {
        return new EnvironmentSettingsSource(environment, schema);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Notifier notifier(SettingsSource settingsSource, SettingsSchema schema,
            ObjectProvider<SendListener> listeners, ObjectProvider<NotifySettingsCustomizer> settingsCustomizers,
            ObjectProvider<NotifierCustomizer> customizers) {
        NotifierBuilder builder = Notifier.builder()
                .settings(CustomizedSettingsSource.of(settingsSource, settingsCustomizers.orderedStream().toList()))
                .discoverProviders(false);
        schema.providers().forEach(builder::provider);
        schema.extensions().forEach(builder::settingsExtension);
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }
}
