package dev.notify.spring.boot.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spring.boot.NotifyAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class NotifyObservationAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class,
                    NotifyObservationAutoConfiguration.class));

    @Test
    void listenerObservesWhenTheApplicationHasAnObservationRegistry() {
        runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
                .withPropertyValues("management.observations.notify.include-addresses=true")
                .run(context -> assertThat(context.getBean(NotifyObservationListener.class).wantsPersonalData()).isTrue());
    }

    @Test
    void noListenerWithoutAnObservationRegistry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(NotifyObservationListener.class));
    }
}
