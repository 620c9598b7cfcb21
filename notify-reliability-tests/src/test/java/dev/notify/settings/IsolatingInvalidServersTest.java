package dev.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.smtp.SmtpSettingKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IsolatingInvalidServersTest {

    private static Map<String, String> properties(String... extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("email.enabled", "true");
        p.put("email.sender", "support@example.com");
        p.put("email.smtp.host", "mail.example.com");
        p.put("email.smtp.auth.enabled", "true");
        p.put("email.smtp.auth.username", "portal");
        p.put("email.smtp.auth.password", "global-pass");
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        return p;
    }

    private static final PropertiesFormat ISOLATING = PropertiesFormat.standard()
            .withEnvironment(name -> null).isolatingInvalidServers();

    @Test
    void aBadServerEntryInvalidatesOnlyThatServer() {
        Settings settings = ISOLATING.parse(properties(
                "servers.eu-1.email.smtp.port", "70000",
                "servers.us-1.email.smtp.host", "relay-us.example.com"));

        assertThat(settings.resolve("eu-1").problems()).extracting(Problem::toString)
                .containsExactly("servers.eu-1.email.smtp.port: must be 1-65535, was 70000");
        assertThat(settings.resolve("us-1").isValid()).isTrue();
        assertThat(settings.resolveGlobal().isValid()).isTrue();
    }

    @Test
    void theSameFileFailsAsAWholeWithoutIsolation() {
        assertThatThrownBy(() -> PropertiesFormat.standard().parse(properties("servers.eu-1.email.smtp.port", "70000")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("servers.eu-1.email.smtp.port: must be 1-65535, was 70000");
    }

    @Test
    void anUnreadableSecretNeverLetsTheGlobalPasswordThrough() {
        Settings settings = ISOLATING.parse(properties(
                "servers.eu-1.email.smtp.auth.username", "eu-portal",
                "servers.eu-1.email.smtp.auth.password", "${env:EU_SMTP_PASSWORD}"));

        ResolvedSettings eu = settings.resolve("eu-1");

        assertThat(eu.find(SmtpSettingKeys.AUTH_PASSWORD)).isEmpty();
        assertThat(eu.origin(SmtpSettingKeys.AUTH_PASSWORD)).isEqualTo(Origin.server("eu-1"));
        assertThat(eu.problems()).extracting(Problem::key).contains("servers.eu-1.email.smtp.auth.password");
        assertThat(eu.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("environment variable EU_SMTP_PASSWORD is not set"));
    }

    @Test
    void aBadValueOfAKeyWithADefaultShowsTheInheritedValueAndStaysAProblem() {
        Settings settings = ISOLATING.parse(properties("servers.eu-1.email.smtp.read-timeout", "30"));

        ResolvedSettings eu = settings.resolve("eu-1");

        assertThat(eu.get(SmtpSettingKeys.READ_TIMEOUT)).hasSeconds(30);
        assertThat(eu.problems()).extracting(Problem::key).containsExactly("servers.eu-1.email.smtp.read-timeout");
    }

    @Test
    void aBadGlobalEntryFailsTheWholeParseBecauseEveryServerIncludesIt() {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> ISOLATING.parse(properties(
                "email.smtp.prot", "25", "servers.eu-1.email.smtp.port", "70000")));

        assertThat(e.problems()).extracting(Problem::toString)
                .containsExactly("email.smtp.prot: unknown setting; did you mean 'email.smtp.port'?");
    }

    @Test
    void anInheritedBadEntryInvalidatesTheServersBelowIt() {
        Settings settings = ISOLATING.parse(properties(
                "servers.eu.email.smtp.tls", "ssl",
                "servers.eu-1.inherits", "eu",
                "servers.us-1.email.smtp.host", "relay-us.example.com"));

        assertThat(settings.resolve("eu-1").problems()).extracting(Problem::key).containsExactly("servers.eu.email.smtp.tls");
        assertThat(settings.resolve("us-1").isValid()).isTrue();
    }

    @Test
    void structuralProblemsStillFailTheParse() {
        assertThatThrownBy(() -> ISOLATING.parse(properties("servers.eu-1.inherits", "nowhere")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("servers.eu-1.inherits: names server 'nowhere', which has no settings");
    }

    @Test
    void layerProblemsAreReportedWithoutSecrets() {
        Settings settings = ISOLATING.parse(properties(
                "servers.eu-1.email.smtp.auth.password", "s3cr3t-pass",
                "servers.eu-1.email.smtp.prot", "25"));

        assertThat(settings.toString() + settings.resolve("eu-1")).doesNotContain("s3cr3t-pass").doesNotContain("global-pass");
    }
}
