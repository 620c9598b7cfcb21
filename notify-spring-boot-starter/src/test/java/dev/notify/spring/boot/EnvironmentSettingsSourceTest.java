package dev.notify.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.settings.Origin;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.sms.SmsGatewayProvider;
import dev.notify.smtp.SmtpSenderProvider;
import dev.notify.smtp.SmtpSettingKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

class EnvironmentSettingsSourceTest {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(List.of(new SmtpSenderProvider(),
            new SmsGatewayProvider()));

    private final StandardEnvironment environment = new StandardEnvironment();

    @Test
    void globalLayerAndServerOverridesResolveWithTheirOrigins() throws IOException {
        applicationProperties("""
                notify.email.enabled=true
                notify.email.sender=Portal <noreply@example.com>
                notify.email.smtp.host=mail.example.com
                notify.servers.eu-1.email.smtp.host=relay-eu.example.com
                notify.servers.eu-2.inherits=eu-1
                notify.servers.eu-2.email.sender=EU 2 <noreply@eu2.example.com>
                unrelated.key=ignored
                """);

        Settings settings = new EnvironmentSettingsSource(environment, SCHEMA).current();

        ResolvedSettings eu2 = settings.resolve("eu-2");
        assertThat(eu2.get(SmtpSettingKeys.HOST)).isEqualTo("relay-eu.example.com");
        assertThat(eu2.origin(SmtpSettingKeys.HOST)).isEqualTo(Origin.server("eu-1"));
        assertThat(eu2.origin(SettingKeys.EMAIL_SENDER)).isEqualTo(Origin.server("eu-2"));
        assertThat(eu2.origin(SettingKeys.EMAIL_ENABLED)).isEqualTo(Origin.GLOBAL);
        assertThat(settings.resolve("us-1").get(SmtpSettingKeys.HOST)).isEqualTo("mail.example.com");
    }

    @Test
    void mistypedKeyFailsWithTheSuggestionAndWhereItWasWritten() throws IOException {
        applicationProperties("""
                notify.email.smtp.host=mail.example.com
                notify.email.smtp.prot=587
                """);

        assertThatThrownBy(() -> new EnvironmentSettingsSource(environment, SCHEMA))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems()).extracting(Problem::toString)
                        .containsExactly("notify.email.smtp.prot: unknown setting; did you mean "
                                + "'notify.email.smtp.port'? (Byte array resource [application.properties] - 2:24)"));
    }

    @Test
    void valueOutOfRangeInAServerLayerNamesItsFullKey() {
        properties("test", Map.of("notify.servers.eu-1.email.smtp.port", "70000"));

        assertThatThrownBy(() -> new EnvironmentSettingsSource(environment, SCHEMA))
                .hasMessageContaining("notify.servers.eu-1.email.smtp.port: must be 1-65535, was 70000")
                .hasMessageContaining("property source 'test'");
    }

    @Test
    void credentialsResolveAsAGroupFromOneLayer() {
        properties("test", Map.of(
                "notify.email.enabled", "true",
                "notify.email.sender", "noreply@example.com",
                "notify.email.smtp.host", "mail.example.com",
                "notify.email.smtp.auth.enabled", "true",
                "notify.email.smtp.auth.username", "portal",
                "notify.email.smtp.auth.password", "global-secret",
                "notify.servers.eu-1.email.smtp.auth.username", "eu-user"));

        ResolvedSettings eu1 = new EnvironmentSettingsSource(environment, SCHEMA).current().resolve("eu-1");

        assertThat(eu1.problems()).extracting(Problem::key).contains("notify.servers.eu-1.email.smtp.auth.password");
        assertThat(eu1.toString()).doesNotContain("global-secret");
    }

    @Test
    void environmentVariablesMapToKeysAndWinOverApplicationProperties() throws IOException {
        applicationProperties("""
                notify.email.smtp.host=mail.example.com
                notify.servers.eu-1.email.smtp.host=relay-eu.example.com
                """);
        environmentVariables(Map.of(
                "NOTIFY_EMAIL_SMTP_HOST", "mail.from-env.example.com",
                "NOTIFY_EMAIL_DELIVERY_METHOD", "smtp",
                "NOTIFY_SERVERS_EU_1_EMAIL_SMTP_PORT", "2525",
                "NOTIFY_SOCKET", "/run/systemd/notify"));

        Settings settings = new EnvironmentSettingsSource(environment, SCHEMA).current();

        assertThat(settings.resolveGlobal().get(SmtpSettingKeys.HOST)).isEqualTo("mail.from-env.example.com");
        assertThat(settings.resolveGlobal().get(SettingKeys.EMAIL_DELIVERY_METHOD)).isEqualTo("smtp");
        assertThat(settings.resolve("eu-1").get(SmtpSettingKeys.PORT)).isEqualTo(2525);
        assertThat(settings.resolve("eu-1").get(SmtpSettingKeys.HOST)).isEqualTo("relay-eu.example.com");
        assertThat(settings.serverIds()).containsExactly("eu-1");
    }

    @Test
    void mistypedEnvironmentVariableFailsNamingTheVariable() {
        environmentVariables(Map.of("NOTIFY_EMAIL_SMTP_PROT", "587"));

        assertThatThrownBy(() -> new EnvironmentSettingsSource(environment, SCHEMA))
                .hasMessageContaining("notify.email.smtp.prot: unknown setting; did you mean 'notify.email.smtp.port'? "
                        + "(environment variable NOTIFY_EMAIL_SMTP_PROT)");
    }

    @Test
    void springPlaceholdersResolveWhileNotifysReferencesAreLeftToNotify() {
        properties("test", Map.of(
                "mail.relay", "relay.example.com",
                "notify.email.smtp.host", "${mail.relay}",
                "notify.email.smtp.auth.username", "${mail.user:portal}",
                "notify.email.smtp.auth.password", "${env:NOTIFY_TEST_VARIABLE_THAT_IS_NOT_SET}"));

        assertThatThrownBy(() -> new EnvironmentSettingsSource(environment, SCHEMA))
                .hasMessageContaining("notify.email.smtp.auth.password: environment variable "
                        + "NOTIFY_TEST_VARIABLE_THAT_IS_NOT_SET is not set");

        environment.getPropertySources().remove("test");
        properties("test", Map.of("mail.relay", "relay.example.com", "notify.email.smtp.host", "${mail.relay}",
                "notify.email.smtp.auth.username", "${mail.user:portal}"));
        ResolvedSettings global = new EnvironmentSettingsSource(environment, SCHEMA).current().resolveGlobal();
        assertThat(global.get(SmtpSettingKeys.HOST)).isEqualTo("relay.example.com");
        assertThat(global.get(SmtpSettingKeys.AUTH_USERNAME)).isEqualTo("portal");
    }

    @Test
    void unresolvableSpringPlaceholderIsReportedAgainstItsKey() {
        properties("test", Map.of("notify.email.smtp.host", "${mail.relay}"));

        assertThatThrownBy(() -> new EnvironmentSettingsSource(environment, SCHEMA))
                .hasMessageContaining("notify.email.smtp.host: unknown reference ${mail.relay}");
    }

    @Test
    void reloadReadsTheEnvironmentAgainAndKeepsTheInstanceWhenNothingChanged() {
        properties("test", Map.of("notify.email.smtp.host", "mail.example.com"));
        EnvironmentSettingsSource source = new EnvironmentSettingsSource(environment, SCHEMA);
        Settings first = source.current();

        assertThat(source.reload()).isSameAs(first);

        properties("admin", Map.of("notify.servers.eu-1.email.smtp.host", "relay-2.example.com"));
        source.onApplicationEvent(new NotifySettingsChangedEvent(this));

        assertThat(source.current()).isNotSameAs(first);
        assertThat(source.current().resolve("eu-1").get(SmtpSettingKeys.HOST)).isEqualTo("relay-2.example.com");
    }

    @Test
    void invalidReloadThrowsAndKeepsTheSettingsInForce() {
        properties("test", Map.of("notify.email.smtp.host", "mail.example.com"));
        EnvironmentSettingsSource source = new EnvironmentSettingsSource(environment, SCHEMA);
        Settings before = source.current();

        properties("admin", Map.of("notify.email.smtp.port", "seventy"));

        assertThatThrownBy(source::reload).isInstanceOf(SettingsException.class)
                .hasMessageContaining("notify.email.smtp.port");
        assertThat(source.current()).isSameAs(before);
    }

    private void applicationProperties(String text) throws IOException {
        ByteArrayResource resource = new ByteArrayResource(text.getBytes(StandardCharsets.ISO_8859_1),
                "application.properties");
        new PropertiesPropertySourceLoader().load("application.properties", resource)
                .forEach(environment.getPropertySources()::addLast);
    }

    private void properties(String name, Map<String, Object> values) {
        environment.getPropertySources().addFirst(new MapPropertySource(name, new LinkedHashMap<>(values)));
    }

    private void environmentVariables(Map<String, Object> variables) {
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new LinkedHashMap<>(variables)));
    }
}
