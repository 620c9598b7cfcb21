package dev.notify.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.settings.SettingsSource;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Fakes;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class NotifyHealthContributorTest {

    private static final EmailMessage WELCOME = EmailMessage.builder().to("alice@example.com").subject("Welcome")
            .text("Hello").build();

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class,
                    NotifyHealthContributorAutoConfiguration.class))
            .withBean(FakeEmailProvider.class)
            .withPropertyValues(
                    "notify.email.enabled=true",
                    "notify.email.delivery-method=fake",
                    "notify.email.sender=noreply@example.com",
                    "notify.servers.eu-1.email.smtp.host=relay-eu.example.com",
                    "notify.servers.quiet.email.enabled=false",
                    "notify.servers.unconfigured.email.delivery-method=smtp");

    @Test
    void everyServerAndTheGlobalSettingsAreUpWithTheirChannels() {
        runner.run(context -> {
            NotifyHealthContributor health = context.getBean(NotifyHealthContributor.class);

            assertThat(health.stream().map(HealthContributors.Entry::name))
                    .containsExactly("global", "eu-1", "quiet", "unconfigured");
            assertThat(health(health, "eu-1").getStatus()).isEqualTo(Status.UP);
            assertThat(channel(health, "eu-1", "email")).containsEntry("enabled", true)
                    .containsEntry("deliveryMethod", "fake").containsEntry("ready", true);
            assertThat(channel(health, "global", "sms")).containsEntry("enabled", false);
        });
    }

    @Test
    void disabledOrUnconfiguredEmailLeavesTheServerUp() {
        runner.run(context -> {
            NotifyHealthContributor health = context.getBean(NotifyHealthContributor.class);

            assertThat(health(health, "quiet").getStatus()).isEqualTo(Status.UP);
            assertThat(channel(health, "quiet", "email")).containsEntry("enabled", false).doesNotContainKey("ready");
            assertThat(health(health, "unconfigured").getStatus()).isEqualTo(Status.UP);
            assertThat(channel(health, "unconfigured", "email")).containsEntry("ready", false)
                    .extractingByKey("problems", InstanceOfAssertFactories.list(String.class)).singleElement().asString()
                    .startsWith("notify.servers.unconfigured.email.smtp.host");
        });
    }

    @Test
    void lastSendOfEachServerIsShownAndAFailureLeavesTheServerUp() {
        runner.run(context -> {
            Notifier notifier = context.getBean(Notifier.class);
            notifier.server("eu-1").sendEmail(WELCOME);
            Fakes.of(notifier).email().failNextPermanently(1);
            assertThatThrownBy(() -> notifier.server("us-7").sendEmail(WELCOME));
            NotifyHealthContributor health = context.getBean(NotifyHealthContributor.class);

            assertThat(channel(health, "eu-1", "email")).extractingByKey("lastSend").asInstanceOf(
                    InstanceOfAssertFactories.MAP)
                    .containsEntry("outcome", "delivered").containsEntry("provider", "fake").containsEntry("attempts", 1);
            assertThat(health.stream().map(HealthContributors.Entry::name)).contains("us-7");
            assertThat(health(health, "us-7").getStatus()).isEqualTo(Status.UP);
            assertThat(channel(health, "us-7", "email")).extractingByKey("lastSend").asInstanceOf(
                    InstanceOfAssertFactories.MAP)
                    .containsEntry("outcome", "gave-up").containsEntry("failure", "PERMANENT")
                    .containsEntry("errorType", "PermanentDeliveryException").containsEntry("replyCode", 554);
        });
    }

    @Test
    void probeIsOffUnlessEnabled() {
        runner.run(context -> assertThat(channel(context.getBean(NotifyHealthContributor.class), "eu-1", "email"))
                .doesNotContainKey("probe"));
    }

    @Test
    void failedProbeIsADetailOfAnUpServer() throws IOException {
        int closedPort = closedPort();
        smtpRunner(closedPort).withPropertyValues("management.health.notify.probe.enabled=true").run(context -> {
            NotifyHealthContributor health = context.getBean(NotifyHealthContributor.class);

            assertThat(health(health, "global").getStatus()).isEqualTo(Status.UP);
            assertThat(channel(health, "global", "email")).extractingByKey("probe")
                    .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("ok", false)
                    .containsKey("failure");
        });
    }

    @Test
    void failedProbeMarksTheServerDownWhenAskedTo() throws IOException {
        int closedPort = closedPort();
        smtpRunner(closedPort).withPropertyValues("management.health.notify.probe.enabled=true",
                "management.health.notify.probe.down-on-failure=true").run(context -> {
                    NotifyHealthContributor health = context.getBean(NotifyHealthContributor.class);

                    assertThat(health(health, "global").getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health(health, "quiet").getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void probeResultIsReusedUntilItIsOlderThanCacheFor() {
        smtpRunner(smtp.port()).withPropertyValues("management.health.notify.probe.enabled=true",
                "management.health.notify.probe.cache-for=1m").run(context -> {
                    MutableClock clock = new MutableClock();
                    NotifyHealthContributor health = new NotifyHealthContributor(context.getBean(Notifier.class),
                            context.getBean(SettingsSource.class), new LastSends(),
                            context.getBean(NotifyHealthProperties.class), clock);

                    assertThat(channel(health, "global", "email")).extractingByKey("probe")
                            .asInstanceOf(InstanceOfAssertFactories.MAP)
                            .containsEntry("ok", true).containsEntry("provider", "smtp");
                    health(health, "global");
                    clock.advance(Duration.ofSeconds(59));
                    health(health, "global");
                    assertThat(smtp.connections()).isEqualTo(1);

                    clock.advance(Duration.ofSeconds(1));
                    health(health, "global");
                    assertThat(smtp.connections()).isEqualTo(2);
                });
    }

    @Test
    void contributorIsOffWhenTheApplicationTurnsItOff() {
        runner.withPropertyValues("management.health.notify.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(NotifyHealthContributor.class)
                        .doesNotHaveBean(LastSends.class));
    }

    private ApplicationContextRunner smtpRunner(int port) {
        return runner.withPropertyValues("notify.email.delivery-method=smtp", "notify.email.smtp.host=127.0.0.1",
                "notify.email.smtp.port=" + port, "notify.email.smtp.tls=none",
                "notify.servers.eu-1.email.smtp.host=127.0.0.1", "notify.email.smtp.connect-timeout=2s");
    }

    private static Health health(NotifyHealthContributor contributor, String name) {
        return ((HealthIndicator) contributor.getContributor(name)).health();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> channel(NotifyHealthContributor contributor, String name, String channel) {
        return (Map<String, Object>) health(contributor, name).getDetails().get(channel);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A clock that moves only when told to. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
