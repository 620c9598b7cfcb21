package dev.notify.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendEvent;
import dev.notify.SendListener;
import dev.notify.message.SmsMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.FileJournal;
import dev.notify.outbox.OutboxSettings;
import dev.notify.settings.Origin;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.spring.boot.health.NotifyHealthContributor;
import dev.notify.testkit.sms.TwilioServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox's and Twilio's keys bind from the application's properties (notify.outbox.* in application.yml,
 * notify.sms.twilio.* there and from the test's Twilio stub), and the outbox delivers through the starter's
 * notifier to the stub.
 */
@SpringBootTest(properties = {"notify.sms.enabled=true", "notify.email.enabled=false"})
class OutboxAndTwilioTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        twilio.properties().forEach((key, value) -> {
            if (!key.equals("sms.twilio.from")) {
                registry.add("notify." + key, () -> value);
            }
        });
    }

    @TempDir
    static Path journal;

    @Autowired
    private Notifier notifier;

    @Autowired
    private Delivered delivered;

    @Autowired
    private NotifyHealthContributor health;

    @Test
    void outboxAndTwilioKeysBindFromTheApplicationsProperties() {
        ResolvedSettings global = notifier.global().settings();

        assertThat(global.get(OutboxSettings.MAX_AGE)).isEqualTo(Duration.ofDays(2));
        assertThat(global.origin(OutboxSettings.MAX_AGE)).isEqualTo(Origin.GLOBAL);
        assertThat(global.get(OutboxSettings.KEEP_ACCEPTED)).isEqualTo(Duration.ofHours(1));
        SettingKey<?> from = notifier.schema().key("sms.twilio.from").orElseThrow();
        assertThat(global.find(from).map(Object::toString)).contains(TwilioServerExtension.DEFAULT_FROM);
        assertThat(global.origin(from)).isEqualTo(Origin.GLOBAL);
        assertThat(global.problems()).isEmpty();
    }

    @Test
    void smsEnqueuedThroughTheOutboxOnTheStartersNotifierReachesTwilio() throws InterruptedException {
        try (DurableOutbox outbox = DurableOutbox.builder(notifier).journal(FileJournal.in(journal)).build()) {

            String id = outbox.global().enqueueSms(SmsMessage.of("+1 555 010 1234", "Your code is 123456"));

            assertThat(delivered.latch.await(30, TimeUnit.SECONDS)).as("%s", outbox.find(id)).isTrue();
        }
        assertThat(twilio.messages()).singleElement().satisfies(sms -> {
            assertThat(sms.to()).isEqualTo("+15550101234");
            assertThat(sms.from()).isEqualTo(TwilioServerExtension.DEFAULT_FROM);
        });
    }

    @Test
    void healthOfTheGlobalSettingsShowsSmsReadyThroughTwilio() {
        Health global = ((HealthIndicator) health.getContributor(NotifyHealthContributor.GLOBAL)).health();

        assertThat(global.getStatus()).isEqualTo(Status.UP);
        assertThat(global.getDetails().get("sms")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("deliveryMethod", "twilio").containsEntry("ready", true);
    }

    @TestConfiguration
    static class Delivered {
        final CountDownLatch latch = new CountDownLatch(1);

        @Bean
        SendListener countDelivered() {
            return event -> {
                if (event.kind() == SendEvent.Kind.DELIVERED) {
                    latch.countDown();
                }
            };
        }
    }
}
