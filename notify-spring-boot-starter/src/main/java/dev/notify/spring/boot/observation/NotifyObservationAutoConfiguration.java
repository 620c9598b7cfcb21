package dev.notify.spring.boot.observation;

import dev.notify.Notifier;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Observes sends ({@link NotifyObservationListener}) when the application has an {@link ObservationRegistry}
 * bean, as Spring Boot's actuator provides. The listener is registered on the auto-configured notifier.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({Notifier.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
@EnableConfigurationProperties(NotifyObservationProperties.class)
public class NotifyObservationAutoConfiguration {

    /** Spring Boot creates it; a public no-argument constructor, as for any auto-configured bean. */
    public NotifyObservationAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    public NotifyObservationListener notifyObservationListener(ObservationRegistry registry,
            ObjectProvider<NotifySendObservationConvention> convention, NotifyObservationProperties properties) {
        return new NotifyObservationListener(registry, convention.getIfUnique(), properties.includeAddresses());
    }
}
