package dev.notify.spring.boot.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.FileJournal;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.FakeEmailProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class NotifyOutboxMetricsAutoConfigurationTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifyOutboxMetricsAutoConfiguration.class));
    private Notifier notifier;
    private DurableOutbox outbox;

    @BeforeEach
    void start() {
        notifier = Notifier.builder().settings(Settings.of(Layer.builder().set("email.enabled", "true")
                .set("email.delivery-method", "fake").set("email.sender", "portal@example.com").build()))
                .provider(new FakeEmailProvider()).clock(clock).build();
        outbox = DurableOutbox.builder(notifier).journal(FileJournal.in(directory)).clock(clock).build();
    }

    @AfterEach
    void stop() {
        outbox.close();
        notifier.close();
    }

    @Test
    void gaugesShowTheCountsByStateTheOldestDueAgeAndThePausedServers() {
        runner.withBean(DurableOutbox.class, () -> outbox).run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(NotifyOutboxMetrics.class).bindTo(registry);
            outbox.server("eu-1").pause();
            outbox.server("eu-1").enqueueEmail(EmailMessage.builder().to("alice@example.com").subject("Hi")
                    .text("Hello.").build());
            clock.now = clock.now.plus(Duration.ofSeconds(90));

            assertThat(registry.get("notify.outbox.messages").tag("state", "pending").gauge().value()).isEqualTo(1);
            assertThat(registry.get("notify.outbox.messages").tag("state", "failed").gauge().value()).isZero();
            assertThat(registry.get("notify.outbox.oldest.due.age").timeGauge().value(TimeUnit.SECONDS))
                    .isEqualTo(90);
            assertThat(registry.get("notify.outbox.servers.paused").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    void withoutAnOutboxBeanThereAreNoGauges() {
        runner.run(context -> assertThat(context).doesNotHaveBean(NotifyOutboxMetrics.class));
    }
}
