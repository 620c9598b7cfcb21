package dev.notify.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.Notifier;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The test kit on the class path installs nothing by itself: only a test with {@link AutoConfigureNotifyFakes}
 * gets the fakes. Here notify-smtp is the only provider installed.
 */
class FakesOnlyWhenAskedTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class))
            .withPropertyValues("notify.sms.enabled=true");

    @Test
    void withoutTheAnnotationNoFakeIsInstalledAndNoneBecomesTheSmsDefault() {
        runner.run(context -> {
            Notifier notifier = context.getBean(Notifier.class);

            assertThat(notifier.providerIds(Channel.EMAIL)).containsExactly("smtp");
            assertThat(notifier.providerIds(Channel.SMS)).isEmpty();
            assertThat(notifier.schema().defaultDeliveryMethod(Channel.SMS)).isEmpty();
            assertThat(notifier.global().status(Channel.SMS).providerId()).isEmpty();
        });
    }

    @Test
    void withTheFakesAutoConfigurationBothFakesAreInstalled() {
        runner.withConfiguration(AutoConfigurations.of(NotifyFakesAutoConfiguration.class)).run(context -> {
            Notifier notifier = context.getBean(Notifier.class);

            assertThat(notifier.providerIds(Channel.EMAIL)).containsExactly("fake", "smtp");
            assertThat(notifier.providerIds(Channel.SMS)).containsExactly("fake");
        });
    }
}
