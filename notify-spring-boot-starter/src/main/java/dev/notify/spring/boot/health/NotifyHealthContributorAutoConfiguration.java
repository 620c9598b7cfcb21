package dev.notify.spring.boot.health;

import dev.notify.Notifier;
import dev.notify.settings.SettingsSource;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code notify} health contributor ({@link NotifyHealthContributor}), when Spring Boot's health support
 * (spring-boot-health, which the actuator brings) is on the class path and
 * {@code management.health.notify.enabled} is not false.
 */
@AutoConfiguration(after = NotifyAutoConfiguration.class)
@ConditionalOnClass({Notifier.class, HealthContributor.class})
@ConditionalOnBean({Notifier.class, SettingsSource.class})
@ConditionalOnEnabledHealthIndicator("notify")
@EnableConfigurationProperties(NotifyHealthProperties.class)
public class NotifyHealthContributorAutoConfiguration {

    /** Spring Boot creates it; a public no-argument constructor, as for any auto-configured bean. */
    public NotifyHealthContributorAutoConfiguration() {
    }

    /** Registered on the auto-configured notifier as a {@code SendListener}. */
    @Bean
    @ConditionalOnMissingBean
    public LastSends notifyLastSends() {
        return new LastSends();
    }

    @Bean
    @ConditionalOnMissingBean(name = "notifyHealthContributor")
    public NotifyHealthContributor notifyHealthContributor(Notifier notifier, SettingsSource settingsSource,
            LastSends lastSends, NotifyHealthProperties properties, ObjectProvider<SettingsStoreHealth> store) {
        return new NotifyHealthContributor(notifier, settingsSource, lastSends, properties, notifier.clock(),
                store.getIfUnique());
    }

    /** The settings store's state, as a component of the contributor (not a health contributor of its own). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.notify.store.SettingsStore")
    static class SettingsStoreHealthConfiguration {

        @Bean
        @ConditionalOnBean(type = "dev.notify.store.SettingsStore")
        SettingsStoreHealth notifySettingsStoreHealth(dev.notify.store.SettingsStore store) {
            return new SettingsStoreHealth(store);
        }
    }
}
