package dev.notify.settings;

import static dev.notify.testkit.TestSettings.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.smtp.SmtpSettingKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PropertiesFormatValuesTest {

    @Test
    void valuesAreTrimmed() {
        Settings settings = PropertiesFormat.standard().parse(properties(
                "email.smtp.host=  mail.example.com \t", "  email.smtp.port = 587 "));

        ResolvedSettings global = settings.resolveGlobal();
        assertThat(global.get(SmtpSettingKeys.HOST)).isEqualTo("mail.example.com");
        assertThat(global.get(SmtpSettingKeys.PORT)).isEqualTo(587);
    }

    @ParameterizedTest
    @CsvSource({"true,true", "yes,true", "on,true", "YES,true", "false,false", "no,false", "off,false", "Off,false"})
    void booleansAcceptTrueFalseYesNoOnOff(String text, boolean expected) {
        Settings settings = PropertiesFormat.standard().parse(properties("email.enabled=" + text));

        assertThat(settings.resolveGlobal().get(SettingKeys.EMAIL_ENABLED)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "10s,PT10S", "2m,PT2M", "1h,PT1H", "PT45S,PT45S"})
    void durationsAcceptMillisecondsSecondsMinutes(String text, String expected) {
        Settings settings = PropertiesFormat.standard().parse(properties("email.smtp.read-timeout=" + text));

        assertThat(settings.resolveGlobal().get(SmtpSettingKeys.READ_TIMEOUT)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void envReferenceIsReplacedAnywhereInAValue() {
        PropertiesFormat format = PropertiesFormat.standard()
                .withEnvironment(Map.of("SMTP_PASSWORD", "s3cr3t-pass", "REGION", "eu")::get);

        Settings settings = format.parse(properties("email.smtp.auth.password=${env:SMTP_PASSWORD}",
                "email.smtp.host=relay-${env:REGION}.example.com"));

        assertThat(settings.resolveGlobal().get(SmtpSettingKeys.AUTH_PASSWORD).reveal()).isEqualTo("s3cr3t-pass");
        assertThat(settings.resolveGlobal().get(SmtpSettingKeys.HOST)).isEqualTo("relay-eu.example.com");
    }

    @Test
    void fileReferenceDropsTheTrailingNewlineAndIsRelativeToThePropertiesFile(@TempDir Path dir) throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("graph-secret"), "graph-secret-value\n", StandardCharsets.UTF_8);
        Path properties = dir.resolve("notify.properties");
        Files.writeString(properties, "email.graph.client-secret=${file:secrets/graph-secret}\n");

        Settings settings = PropertiesFormat.standard().read(properties);

        assertThat(settings.resolveGlobal().get(MicrosoftIdentityKeys.CLIENT_SECRET).reveal()).isEqualTo("graph-secret-value");
    }

    @Test
    void fileReferenceDropsAWindowsLineEnding(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("user"), "portal\r\n");

        Settings settings = PropertiesFormat.standard().withBaseDirectory(dir)
                .parse(properties("email.smtp.auth.username=${file:user}"));

        assertThat(settings.resolveGlobal().get(SmtpSettingKeys.AUTH_USERNAME)).isEqualTo("portal");
    }

    @Test
    void secretWithTrailingSpacesInThePropertiesFileIsTrimmed(@TempDir Path dir) throws Exception {
        Path properties = dir.resolve("notify.properties");
        Files.writeString(properties, "email.smtp.auth.password = s3cr3t-pass   \n");

        Settings settings = PropertiesFormat.standard().read(properties);

        assertThat(settings.resolveGlobal().get(SmtpSettingKeys.AUTH_PASSWORD).reveal()).isEqualTo("s3cr3t-pass");
    }

    @Test
    void prefixedKeysAreReadAndOtherKeysIgnored() {
        Settings settings = PropertiesFormat.standard().withPrefix("notify.").parse(properties(
                "notify.email.smtp.host=mail.example.com", "notify.servers.eu-1.email.smtp.port=2525",
                "spring.mail.host=ignored.example.com", "email.smtp.host=also-ignored.example.com"));

        assertThat(settings.resolve("eu-1").get(SmtpSettingKeys.HOST)).isEqualTo("mail.example.com");
        assertThat(settings.resolve("eu-1").get(SmtpSettingKeys.PORT)).isEqualTo(2525);
    }

    @Test
    void readsTheReferenceExampleFromTheIssue(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("graph-secret"), "graph-secret-value\n");
        Path properties = dir.resolve("notify.properties");
        Files.writeString(properties, String.join("\n",
                "email.enabled=true",
                "email.delivery-method=smtp",
                "email.sender=Customer Service <support@example.com>",
                "email.smtp.host=mail.example.com",
                "email.smtp.port=587",
                "email.smtp.tls=starttls",
                "email.smtp.auth.enabled=true",
                "email.smtp.auth.username=portal",
                "email.smtp.auth.password=${env:SMTP_PASSWORD}",
                "email.graph.tenant-id=contoso.onmicrosoft.com",
                "email.graph.client-id=11111111-1111-1111-1111-111111111111",
                "email.graph.client-secret=${file:graph-secret}",
                "sms.enabled=true",
                "sms.email-gateway.sender=sms@example.com",
                "sms.email-gateway.destination-domain=sms.example.net",
                "servers.eu-1.email.smtp.host=relay-eu.example.com",
                "servers.eu-1.sms.enabled=false", ""), StandardCharsets.UTF_8);

        Settings settings = PropertiesFormat.standard().withEnvironment(Map.of("SMTP_PASSWORD", "s3cr3t-pass")::get)
                .read(properties);

        ResolvedSettings eu1 = settings.resolve("eu-1");
        assertThat(eu1.problems()).isEmpty();
        assertThat(eu1.get(SmtpSettingKeys.HOST)).isEqualTo("relay-eu.example.com");
        assertThat(eu1.get(SettingKeys.SMS_ENABLED)).isFalse();
        assertThat(eu1.get(SettingKeys.EMAIL_SENDER).displayName()).contains("Customer Service");
        assertThat(settings.resolveGlobal().problems()).isEmpty();
        assertThat(settings.resolveGlobal().get(SettingKeys.SMS_ENABLED)).isTrue();
    }
}
