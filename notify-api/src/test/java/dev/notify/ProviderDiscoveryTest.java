package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.message.EmailMessage;
import dev.notify.settings.Settings;
import dev.notify.support.BrokenProvider;
import dev.notify.support.DuplicateIdProviderA;
import dev.notify.support.DuplicateIdProviderB;
import dev.notify.support.LogCapture;
import dev.notify.support.RecordingProvider;
import dev.notify.support.ServiceFiles;
import dev.notify.support.ServiceLoadedEmailProvider;
import dev.notify.support.TestSettings;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderDiscoveryTest {

    private static final Settings SETTINGS = TestSettings.parse(
            "email.enabled=true",
            "email.sender=support@example.com",
            "email.smtp.host=mail.example.com",
            "email.delivery-method=" + ServiceLoadedEmailProvider.ID,
            "servers.eu-1.email.delivery-method=carrier-pigeon");

    @TempDir
    Path dir;

    private static EmailMessage email() {
        return EmailMessage.builder().to("alice@example.com").subject("Hi").text("Hello").build();
    }

    @Test
    void serviceLoaderFindsARegisteredProviderAndSendsWithIt() {
        try (Notifier notifier = Notifier.builder().settings(SETTINGS).build()) {

            SendResult result = notifier.global().sendEmail(email());

            assertThat(notifier.providerIds(Channel.EMAIL)).contains(ServiceLoadedEmailProvider.ID);
            assertThat(notifier.provider(Channel.EMAIL, ServiceLoadedEmailProvider.ID))
                    .hasValueSatisfying(p -> assertThat(p).isInstanceOf(ServiceLoadedEmailProvider.class));
            assertThat(result.providerId()).contains(ServiceLoadedEmailProvider.ID);
            assertThat(result.details()).containsEntry("sent-by", ServiceLoadedEmailProvider.class.getName());
        }
    }

    @Test
    void withoutDiscoveryOnlyRegisteredProvidersAreInstalled() {
        try (Notifier notifier = Notifier.builder().settings(SETTINGS).provider(RecordingProvider.email("smtp"))
                .discoverProviders(false).build()) {

            assertThat(notifier.providerIds(Channel.EMAIL)).containsExactly("smtp");
            assertThat(notifier.providerIds(Channel.SMS)).isEmpty();
        }
    }

    @Test
    void unknownDeliveryMethodNamesTheFullKeyAndListsInstalledProviders() {
        try (Notifier notifier = Notifier.builder().settings(SETTINGS).provider(RecordingProvider.email("smtp")).build()) {

            SettingsException e = catchThrowableOfType(SettingsException.class,
                    () -> notifier.server("eu-1").sendEmail(email()));

            assertThat(e.server()).contains("eu-1");
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("servers.eu-1.email.delivery-method");
                assertThat(p.message()).contains("'carrier-pigeon'")
                        .contains("installed: " + ServiceLoadedEmailProvider.ID + ", smtp");
            });
        }
    }

    @Test
    void missingSmtpModuleIsNamedInTheError() {
        Settings settings = TestSettings.parse("email.enabled=true", "email.sender=support@example.com",
                "email.smtp.host=mail.example.com");
        try (Notifier notifier = Notifier.builder().settings(settings).discoverProviders(false).build()) {

            SettingsException e = catchThrowableOfType(SettingsException.class,
                    () -> notifier.global().sendEmail(email()));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("email.delivery-method");
                assertThat(p.message()).contains("email.smtp.host is a key of the provider 'smtp'")
                        .contains("which no installed module provides").doesNotContain("dev.notify:notify-");
            });
        }
    }

    @Test
    void missingProviderHintNamesTheInstalledModulesAndGuessesNone() {
        Settings settings = TestSettings.parse("email.enabled=true", "email.sender=support@example.com",
                "email.delivery-method=acme-mail", "email.acme-mail.region=eu");
        RecordingProvider relay = RecordingProvider.email("relay").artifact("com.example:relay-provider");
        try (Notifier notifier = Notifier.builder().settings(settings).provider(relay).discoverProviders(false).build()) {

            SettingsException e = catchThrowableOfType(SettingsException.class,
                    () -> notifier.global().sendEmail(email()));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("email.delivery-method");
                assertThat(p.message()).contains("installed: relay (com.example:relay-provider)")
                        .contains("email.acme-mail.region is a key of the provider 'acme-mail', which no installed "
                                + "module provides").doesNotContain("notify-acme-mail");
            });
        }
    }

    @Test
    void twoDiscoveredProvidersWithOneIdNameBothClasses() throws IOException {
        try (URLClassLoader loader = ServiceFiles.loaderListing(dir,
                List.of(DuplicateIdProviderA.class, DuplicateIdProviderB.class))) {

            assertThatThrownBy(() -> Notifier.builder().settings(SETTINGS).classLoader(loader).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'duplicate'")
                    .hasMessageContaining(DuplicateIdProviderA.class.getName())
                    .hasMessageContaining(DuplicateIdProviderB.class.getName());
        }
    }

    @Test
    void twoRegisteredProvidersWithOneIdNameBothClasses() {
        NotifierBuilder builder = Notifier.builder().settings(SETTINGS).discoverProviders(false)
                .provider(new DuplicateIdProviderA()).provider(new DuplicateIdProviderB());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DuplicateIdProviderA.class.getName())
                .hasMessageContaining(DuplicateIdProviderB.class.getName());
    }

    @Test
    void sameIdOnDifferentChannelsIsAllowed() {
        try (Notifier notifier = Notifier.builder().settings(SETTINGS).discoverProviders(false)
                .provider(RecordingProvider.email("gateway")).provider(RecordingProvider.sms("gateway")).build()) {

            assertThat(notifier.providerIds(Channel.EMAIL)).containsExactly("gateway");
            assertThat(notifier.providerIds(Channel.SMS)).containsExactly("gateway");
        }
    }

    @Test
    void registeredProviderWinsOverADiscoveredOneWithTheSameId() {
        RecordingProvider registered = RecordingProvider.email(ServiceLoadedEmailProvider.ID);
        try (Notifier notifier = Notifier.builder().settings(SETTINGS).provider(registered).build()) {

            SendResult result = notifier.global().sendEmail(email());

            assertThat(notifier.provider(Channel.EMAIL, ServiceLoadedEmailProvider.ID)).containsSame(registered);
            assertThat(registered.attempts()).hasSize(1);
            assertThat(result.details()).doesNotContainKey("sent-by");
        }
    }

    @Test
    void brokenProviderIsSkippedAndTheOthersAreStillFound() throws IOException {
        try (URLClassLoader loader = ServiceFiles.loaderListing(dir, List.of(BrokenProvider.class, DuplicateIdProviderA.class));
                LogCapture log = LogCapture.debug("dev.notify");
                Notifier notifier = Notifier.builder().settings(SETTINGS).classLoader(loader).build()) {

            assertThat(notifier.providerIds(Channel.EMAIL)).containsExactly("duplicate", ServiceLoadedEmailProvider.ID);
            assertThat(log.text()).contains("WARN").contains(BrokenProvider.class.getName());
        }
    }
}
