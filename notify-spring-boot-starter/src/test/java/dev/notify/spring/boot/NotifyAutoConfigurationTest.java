package dev.notify.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.Notifier;
import dev.notify.SendEvent;
import dev.notify.SendListener;
import dev.notify.SendRejectedException;
import dev.notify.SettingsException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.settings.InMemorySettingsSource;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.SettingsSchema;
import dev.notify.settings.SettingsSource;
import dev.notify.spi.SenderProvider;
import dev.notify.spring.boot.internal.SettingsFailureAnalyzer;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Outbox;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

class NotifyAutoConfigurationTest {

    private static final EmailMessage WELCOME = EmailMessage.builder().to("alice@example.com").subject("Welcome")
            .text("Hello").build();

    private final ApplicationContextRunner withoutFake = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class))
            .withPropertyValues(
                    "notify.email.enabled=true",
                    "notify.email.delivery-method=fake",
                    "notify.email.sender=Portal <noreply@example.com>",
                    "notify.servers.eu-1.email.sender=EU 1 <noreply@eu-1.example.com>",
                    "notify.servers.quiet.email.enabled=false");
    private final ApplicationContextRunner runner = withoutFake.withBean(FakeEmailProvider.class);

    @Test
    void notifierSendsWithTheSettingsOfTheEnvironment() {
        runner.run(context -> {
            Notifier notifier = context.getBean(Notifier.class);

            notifier.server("eu-1").sendEmail(WELCOME);
            notifier.server("us-1").sendEmail(WELCOME);

            assertThat(Outbox.of(notifier).emails()).extracting(m -> m.from().orElseThrow())
                    .containsExactly(EmailAddress.parse("EU 1 <noreply@eu-1.example.com>"),
                            EmailAddress.parse("Portal <noreply@example.com>"));
            assertThat(context.getBean(SettingsSchema.class).providerIds(dev.notify.Channel.EMAIL)).contains("fake");
        });
    }

    @Test
    void sendTimeProblemsNameTheKeyAsWrittenInApplicationProperties() {
        runner.withPropertyValues("notify.servers.broken.email.delivery-method=smtp").run(context -> {
            Notifier notifier = context.getBean(Notifier.class);

            SettingsException e = catchThrowableOfType(SettingsException.class,
                    () -> notifier.server("broken").sendEmail(WELCOME));

            assertThat(e.problems()).extracting(dev.notify.Problem::key)
                    .containsExactly("notify.servers.broken.email.smtp.host");
        });
    }

    @Test
    void notifierIsClosedWithTheContext() {
        Notifier[] notifier = new Notifier[1];
        runner.run(context -> notifier[0] = context.getBean(Notifier.class));

        assertThatThrownBy(() -> notifier[0].global().sendEmail(WELCOME)).isInstanceOf(SendRejectedException.class);
    }

    @Test
    void applicationsOwnNotifierReplacesTheAutoConfiguredOne() {
        runner.withUserConfiguration(OwnNotifier.class).run(context -> {
            assertThat(context).getBeans(Notifier.class).hasSize(1);
            assertThat(context.getBean(Notifier.class)).isSameAs(context.getBean(OwnNotifier.class).notifier);
        });
    }

    @Test
    void senderProviderBeanIsInstalledBesideTheProvidersFoundOnTheClassPath() {
        withoutFake.withUserConfiguration(OwnProvider.class).run(context -> {
            context.getBean(Notifier.class).global().sendEmail(WELCOME);

            assertThat(OwnProvider.OUTBOX.emails()).hasSize(1);
            assertThat(context.getBean(Notifier.class).provider(dev.notify.Channel.EMAIL, "fake"))
                    .containsSame(context.getBean(SenderProvider.class));
            assertThat(context.getBean(Notifier.class).providerIds(dev.notify.Channel.EMAIL)).contains("smtp");
        });
    }

    @Test
    void sendListenerBeansHearEverySend() {
        runner.withUserConfiguration(Listening.class).run(context -> {
            context.getBean(Notifier.class).server("eu-1").sendEmail(WELCOME);
            context.getBean(Notifier.class).server("quiet").sendEmail(WELCOME);

            assertThat(context.getBean(Listening.class).events).extracting(SendEvent::kind).containsExactly(
                    SendEvent.Kind.ATTEMPT_STARTED, SendEvent.Kind.DELIVERED, SendEvent.Kind.REJECTED);
        });
    }

    @Test
    void customizersAdjustTheNotifierAndItsSettings() {
        runner.withUserConfiguration(Customized.class).run(context -> {
            Notifier notifier = context.getBean(Notifier.class);

            assertThat(notifier.server("eu-1").sendEmail(WELCOME).isAccepted()).isFalse();
            assertThat(context.getBean(Customized.class).customized).isTrue();
        });
    }

    @Test
    void applicationsOwnSettingsSourceReplacesTheEnvironment() {
        runner.withUserConfiguration(OwnSettings.class).run(context -> {
            assertThat(context).doesNotHaveBean(EnvironmentSettingsSource.class);

            context.getBean(Notifier.class).global().sendEmail(WELCOME);

            assertThat(Outbox.of(context.getBean(Notifier.class)).emails()).singleElement()
                    .satisfies(m -> assertThat(m.from()).contains(EmailAddress.parse("own@example.com")));
        });
    }

    @Test
    void mistypedKeyStopsTheContextWithTheSuggestion() {
        runner.withPropertyValues("notify.email.smtp.prot=587").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            assertThat(failure).rootCause().isInstanceOf(SettingsException.class).hasMessageContaining(
                    "notify.email.smtp.prot: unknown setting; did you mean 'notify.email.smtp.port'?");

            FailureAnalysis analysis = new SettingsFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).startsWith("A notify setting is invalid:")
                    .contains("notify.email.smtp.prot: unknown setting; did you mean 'notify.email.smtp.port'?");
            assertThat(analysis.getAction()).contains("notify.servers.<id>.<key>");
        });
    }

    @Test
    void publishedSettingsChangeReachesTheNextSend() {
        runner.run(context -> {
            Notifier notifier = context.getBean(Notifier.class);
            notifier.server("eu-1").sendEmail(WELCOME);

            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("admin",
                    Map.of("notify.servers.eu-1.email.sender", "EU 1 new <new@eu-1.example.com>")));
            context.publishEvent(new NotifySettingsChangedEvent(this));
            notifier.server("eu-1").sendEmail(WELCOME);

            assertThat(Outbox.of(notifier).emails()).extracting(m -> m.from().orElseThrow().address())
                    .containsExactly("noreply@eu-1.example.com", "new@eu-1.example.com");
        });
    }

    @Test
    void invalidSettingsChangeIsThrownToThePublisherAndTheOldSettingsStay() {
        runner.run(context -> {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("admin",
                    Map.of("notify.servers.eu-1.email.sendr", "typo@example.com")));

            assertThatThrownBy(() -> context.publishEvent(new NotifySettingsChangedEvent(this)))
                    .isInstanceOf(SettingsException.class).hasMessageContaining("notify.servers.eu-1.email.sendr");
            context.getBean(Notifier.class).server("eu-1").sendEmail(WELCOME);
            assertThat(Outbox.of(context.getBean(Notifier.class)).emails()).hasSize(1);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnNotifier {
        final Notifier notifier = Notifier.builder().settings(PropertiesFormat.standard().parse(Map.of())).build();

        @Bean(destroyMethod = "close")
        Notifier myNotifier() {
            return notifier;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnProvider {
        static final Outbox OUTBOX = new Outbox();

        @Bean
        SenderProvider ownFakeEmail() {
            return new FakeEmailProvider(OUTBOX);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listening {
        final List<SendEvent> events = new CopyOnWriteArrayList<>();

        @Bean
        SendListener recording() {
            return events::add;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customized {
        volatile boolean customized;

        @Bean
        NotifySettingsCustomizer emailOff() {
            return settings -> PropertiesFormat.standard().withSchema(settings.schema())
                    .parse(Map.of("email.enabled", "false"));
        }

        @Bean
        NotifierCustomizer fewThreads() {
            return builder -> {
                builder.asyncThreads(1);
                customized = true;
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSettings {
        @Bean
        SettingsSource ownSettings(SettingsSchema schema) {
            return new InMemorySettingsSource(PropertiesFormat.standard().withSchema(schema).parse(Map.of(
                    "email.enabled", "true", "email.delivery-method", "fake", "email.sender", "own@example.com")));
        }
    }
}
