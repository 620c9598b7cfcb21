package dev.notify.spring.boot.outbox;

import dev.notify.outbox.DurableOutbox;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Gauges of the application's {@link DurableOutbox} bean ({@link NotifyOutboxMetrics}) when Micrometer is on the
 * class path; Spring Boot's metrics binds them to its registries. notify-outbox and micrometer-core are optional
 * dependencies of the starter: the application brings them.
 */
@AutoConfiguration
@ConditionalOnClass({DurableOutbox.class, MeterBinder.class})
@ConditionalOnBean(DurableOutbox.class)
public class NotifyOutboxMetricsAutoConfiguration {

    /** Spring Boot creates it; a public no-argument constructor, as for any auto-configured bean. */
    public NotifyOutboxMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    public NotifyOutboxMetrics notifyOutboxMetrics(DurableOutbox outbox) {
        return new NotifyOutboxMetrics(outbox);
    }
}
