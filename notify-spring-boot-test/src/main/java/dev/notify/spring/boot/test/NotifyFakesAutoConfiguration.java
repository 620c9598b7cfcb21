package dev.notify.spring.boot.test;

import dev.notify.Notifier;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import dev.notify.spring.boot.NotifySettingsCustomizer;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Fakes;
import dev.notify.testkit.Outbox;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What {@link AutoConfigureNotifyFakes} imports: the fake providers (beans, so the starter installs them; they are
 * not registered for ServiceLoader, so a context without this annotation never has them), the settings customizer
 * that delivers through them, and the notifier's {@link Fakes} and {@link Outbox}.
 */
@AutoConfiguration(before = NotifyAutoConfiguration.class)
public class NotifyFakesAutoConfiguration {

    @Bean
    FakeEmailProvider notifyFakeEmailProvider() {
        return new FakeEmailProvider();
    }

    @Bean
    FakeSmsProvider notifyFakeSmsProvider() {
        return new FakeSmsProvider();
    }

    @Bean
    NotifySettingsCustomizer notifyFakeDelivery() {
        return new FakeDelivery();
    }

    /**
     * @throws IllegalStateException when the notifier has no fake provider (the application declares its own
     *     notifier without the fake provider beans)
     */
    @Bean
    public Fakes notifyFakes(Notifier notifier) {
        return Fakes.of(notifier);
    }

    @Bean
    public Outbox notifyOutbox(Fakes fakes) {
        return fakes.outbox();
    }
}
