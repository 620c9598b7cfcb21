package dev.notify.settings;

import static dev.notify.testkit.TestSettings.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.notify.Problem;
import dev.notify.SettingsException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PropertiesFormatBadInputTest {

    private static final PropertiesFormat FORMAT = PropertiesFormat.standard().withEnvironment(Map.of("SET", "value")::get);

    static Stream<Arguments> badInputs() {
        return Stream.of(
                arguments("email.smtp.prot=25", "email.smtp.prot", "did you mean 'email.smtp.port'?"),
                arguments("servers.eu-1.email.smtp.prot=25", "servers.eu-1.email.smtp.prot",
                        "did you mean 'servers.eu-1.email.smtp.port'?"),
                arguments("email.smtp.hots=mail.example.com", "email.smtp.hots", "did you mean 'email.smtp.host'?"),
                arguments("email.smtp.auth.pasword=s3cr3t-pass", "email.smtp.auth.pasword",
                        "did you mean 'email.smtp.auth.password'?"),
                arguments("servers.eu-1.email.smtp.port=70000", "servers.eu-1.email.smtp.port",
                        "must be 1-65535, was 70000"),
                arguments("email.smtp.port=0", "email.smtp.port", "must be 1-65535, was 0"),
                arguments("email.smtp.port=twenty-five", "email.smtp.port", "must be a whole number, was 'twenty-five'"),
                arguments("email.enabled=maybe", "email.enabled", "must be true or false"),
                arguments("servers.eu-1.sms.enabled=1", "servers.eu-1.sms.enabled", "must be true or false"),
                arguments("email.smtp.connect-timeout=10 seconds", "email.smtp.connect-timeout",
                        "must be a duration such as 500ms, 10s or 2m, was '10 seconds'"),
                arguments("email.smtp.read-timeout=0s", "email.smtp.read-timeout", "must be longer than zero"),
                arguments("email.smtp.tls=ssl", "email.smtp.tls", "must be one of none, starttls, implicit; was 'ssl'"),
                arguments("email.smtp.host=mail.example.com:587", "email.smtp.host", "without a port or scheme"),
                arguments("email.smtp.host=mail example.com", "email.smtp.host", "is not a valid host name"),
                arguments("email.smtp.host=smtp://mail.example.com", "email.smtp.host", "without a port or scheme"),
                arguments("email.smtp.host=300.1.1.1", "email.smtp.host", "is not a valid IPv4 address"),
                arguments("email.sender=Customer Service support@example.com", "email.sender",
                        "is not a plain ASCII dot-atom"),
                arguments("email.sender=support", "email.sender", "no '@'"),
                arguments("servers.eu-1.email.reply-to=a@b.com, c@d.com", "servers.eu-1.email.reply-to", "local part"),
                arguments("email.smtp.auth.password=${env:UNSET_VARIABLE}", "email.smtp.auth.password",
                        "environment variable UNSET_VARIABLE is not set"),
                arguments("email.smtp.auth.password=${env:}", "email.smtp.auth.password", "needs a variable name"),
                arguments("email.graph.client-secret=${file:does/not/exist}", "email.graph.client-secret",
                        "cannot read file"),
                arguments("email.smtp.auth.password=${vault:smtp}", "email.smtp.auth.password",
                        "unknown reference ${vault:smtp}"),
                arguments("servers.eu 1.email.smtp.host=mail.example.com", "servers.eu 1.email.smtp.host",
                        "server id must be 1-64 letters, digits, '-' or '_', was 'eu 1'"),
                arguments("servers..email.smtp.host=mail.example.com", "servers..email.smtp.host", "server id"),
                arguments("servers.eu-1=x", "servers.eu-1", "a server key must be servers.<id>.<key>"),
                arguments("servers.eu-1.inherits= ", "servers.eu-1.inherits", "must name another server"),
                arguments("servers.eu-1.email.smtp.port=", "servers.eu-1.email.smtp.port", "must not be empty"),
                arguments("email.delivery-method=SMTP Relay", "email.delivery-method", "must be a provider id"),
                arguments("email.graph.cloud=mars", "email.graph.cloud", "must be one of global, usgov, usgov-dod, china"),
                arguments("email.graph.authority=ftp://login.example.com", "email.graph.authority",
                        "must be an https:// URL"),
                arguments("email.retry.max-attempts=50", "email.retry.max-attempts", "must be 1-20, was 50"),
                arguments("sms.email-gateway.destination-domain=localhost", "sms.email-gateway.destination-domain", "must be a domain name"),
                arguments("email.smtp.auth.username=por\u0000tal", "email.smtp.auth.username", "NUL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void errorNamesTheOffendingKey(String line, String expectedKey, String expectedMessage) {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> FORMAT.parse(properties(line)));

        assertThat(e).as("parsing %s", line).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(expectedKey);
            assertThat(p.message()).contains(expectedMessage);
        });
        assertThat(e.getMessage()).contains(expectedKey + ": ");
    }

    @Test
    void portOutOfRangeReadsAsTheReferenceExample() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> FORMAT.parse(properties("servers.eu-1.email.smtp.port=70000")));

        assertThat(e.problems()).singleElement().hasToString("servers.eu-1.email.smtp.port: must be 1-65535, was 70000");
    }

    @Test
    void unknownKeyUnderAHostPrefixSuggestsThePrefixedKey() {
        PropertiesFormat format = FORMAT.withPrefix("notify.");

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> format.parse(properties(
                "notify.email.smtp.prot=25", "notify.servers.eu-1.email.smtp.prot=25", "spring.datasource.url=jdbc:x")));

        assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                "notify.email.smtp.prot: unknown setting; did you mean 'notify.email.smtp.port'?",
                "notify.servers.eu-1.email.smtp.prot: unknown setting; did you mean 'notify.servers.eu-1.email.smtp.port'?");
    }

    @Test
    void inheritanceCycleIsOneProblemNamingItsMembers() {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> FORMAT.parse(properties(
                "servers.a.inherits=b", "servers.b.inherits=a", "servers.a.email.smtp.port=25")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.a.inherits");
            assertThat(p.message()).isEqualTo("inheritance forms a cycle of 2 servers: a -> b -> a");
        });
    }

    @Test
    void inheritingFromAServerWithoutSettingsIsAnError() {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> FORMAT.parse(properties(
                "servers.tenant-a.email.smtp.port=2525", "servers.eu-1.inherits=tenant-b")));

        assertThat(e).as("a typo in the parent's id must not silently inherit from global").isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.eu-1.inherits");
            assertThat(p.message()).contains("tenant-b");
        });
    }

    @Test
    void inheritingFromAnInvalidServerIdIsAProblemNotACrash() {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> FORMAT.parse(properties(
                "servers.eu-1.inherits=tenant a", "email.smtp.prot=25")));

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::key).containsExactlyInAnyOrder("servers.eu-1.inherits",
                "email.smtp.prot");
    }

    @Test
    void cycleUnderAHostPrefixNamesThePrefixedKey() {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> FORMAT.withPrefix("notify.").parse(properties(
                "notify.servers.a.inherits=a")));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("notify.servers.a.inherits"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> FORMAT.parse(properties(
                "email.smtp.prot=25",
                "servers.eu-1.email.smtp.port=70000",
                "email.enabled=maybe",
                "email.smtp.tls=ssl",
                "email.smtp.host=mail.example.com:25",
                "email.smtp.auth.password=${env:UNSET_VARIABLE}")));

        assertThat(e.problems()).extracting(Problem::key).containsExactlyInAnyOrder("email.smtp.prot",
                "servers.eu-1.email.smtp.port", "email.enabled", "email.smtp.tls", "email.smtp.host",
                "email.smtp.auth.password");
        assertThat(e.getMessage()).startsWith("6 invalid settings:");
    }

    @Test
    void unreadableSettingsFileNamesTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.properties");

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> FORMAT.read(missing));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo(missing.toString()));
    }
}
