package dev.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.Problem;
import dev.notify.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bugs found by writing a host application from the README, each named after what broke. */
class SettingsReadingRegressionTest {

    private static final String GOOD = String.join("\n",
            "email.enabled=true",
            "email.sender=portal@example.com",
            "email.smtp.host=relay.example.com",
            "servers.eu-1.email.smtp.port=2525") + "\n";

    @TempDir
    Path dir;

    @Test
    void globalTypoInAFileRewriteIsNotAppliedUnderTheIsolatingFormat() throws IOException {
        Path file = dir.resolve("notify.properties");
        Files.writeString(file, GOOD);
        FileSettingsSource source = FileSettingsSource.of(file, PropertiesFormat.standard().isolatingInvalidServers())
                .withCheckInterval(Duration.ZERO);
        Settings before = source.current();

        Files.writeString(file, GOOD.replace("email.smtp.host=", "email.smtp.hots="));
        Settings after = source.current();

        assertThat(after).isSameAs(before);
        assertThat(after.resolve("eu-1").isValid()).isTrue();
        assertThat(source.lastError()).hasValueSatisfying(e -> assertThat(e.problems()).extracting(Problem::toString)
                .containsExactly("email.smtp.hots: unknown setting; did you mean 'email.smtp.host'?"));
    }

    @Test
    void missingPasswordReferenceIsReportedOnceWithoutAFalseMustBeSetTogether() {
        Settings settings = PropertiesFormat.standard().isolatingInvalidServers().withEnvironment(name -> null)
                .parse(Map.of("email.enabled", "true", "email.sender", "portal@example.com",
                        "email.smtp.host", "relay.example.com",
                        "servers.eu-1.email.smtp.auth.enabled", "true",
                        "servers.eu-1.email.smtp.auth.username", "portal",
                        "servers.eu-1.email.smtp.auth.password", "${env:SMTP_PASSWORD}"));

        assertThat(settings.resolve("eu-1").problems()).extracting(Problem::toString).containsExactly(
                "servers.eu-1.email.smtp.auth.password: environment variable SMTP_PASSWORD is not set");
    }

    @Test
    void setButInvalidKeyGetsNoSecondRequiredWhenLine() {
        Settings settings = PropertiesFormat.standard().isolatingInvalidServers().parse(Map.of(
                "email.enabled", "true", "email.sender", "portal@example.com",
                "email.smtp.host", "relay.example.com",
                "servers.eu-1.email.smtp.host", "relay.example.com:587"));

        assertThat(settings.resolve("eu-1").problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.eu-1.email.smtp.host");
            assertThat(p.message()).contains("without a port").doesNotContain("required when");
        });
    }

    @Test
    void defaultFormatReportsEveryBadEntryAtOnce() {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> PropertiesFormat.standard()
                .withEnvironment(name -> null).parse(Map.of(
                        "email.smtp.prot", "25",
                        "servers.eu-1.email.smtp.port", "70000",
                        "servers.us-1.email.smtp.auth.password", "${env:SMTP_PASSWORD}",
                        "email.enabled", "maybe")));

        assertThat(e.problems()).extracting(Problem::key).containsExactlyInAnyOrder("email.smtp.prot",
                "servers.eu-1.email.smtp.port", "servers.us-1.email.smtp.auth.password", "email.enabled");
    }
}
