package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolveCommandTest {

    @TempDir
    Path dir;

    private Path config(String... extra) {
        String[] base = {
            "email.enabled=true",
            "email.sender=Customer Service <support@example.com>",
            "email.smtp.host=mail.example.com",
            "email.smtp.port=587",
            "email.smtp.auth.enabled=true",
            "email.smtp.auth.username=portal",
            "email.smtp.auth.password=s3cr3t-pass",
            "servers.eu-1.email.smtp.host=relay-eu.example.com",
        };
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return CliRun.writeConfig(dir, all);
    }

    @Test
    void printsEveryKeyWithItsValueAndOrigin() {
        CliRun run = CliRun.of("resolve", "--config", config().toString(), "--server", "eu-1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("email\\.smtp\\.host\\s+= relay-eu\\.example\\.com  \\(server eu-1\\)")
                .containsPattern("email\\.smtp\\.port\\s+= 587  \\(global\\)")
                .containsPattern("email\\.smtp\\.tls\\s+= starttls  \\(default\\)")
                .containsPattern("email\\.smtp\\.auth\\.password\\s+= \\*{8}  \\(global\\)")
                .containsPattern("email\\.reply-to\\s+= \\(not set\\)  \\(default\\)");
        assertThat(run.all()).doesNotContain("s3cr3t-pass");
    }

    @Test
    void jsonGivesEachOriginsKindServerAndFullKeyAsFields() {
        Path config = config("servers.eu-2.inherits=eu-1", "servers.eu-2.email.smtp.port=25");

        JsonNode json = CliRun.of("resolve", "--config", config.toString(), "--server", "eu-2", "--json").json();

        assertOrigin(value(json, "email.smtp.port"), "server", "eu-2", "servers.eu-2.email.smtp.port");
        assertOrigin(value(json, "email.smtp.host"), "server", "eu-1", "servers.eu-1.email.smtp.host");
        assertOrigin(value(json, "email.sender"), "global", null, "email.sender");
        assertOrigin(value(json, "email.smtp.tls"), "default", null, "email.smtp.tls");
        assertThat(value(json, "email.smtp.host").get("origin").asText()).isEqualTo("server eu-1");
    }

    private static void assertOrigin(JsonNode value, String kind, String server, String fullKey) {
        assertThat(value.path("originKind").asText()).as(value.toString()).isEqualTo(kind);
        assertThat(value.path("originServer").isNull() ? null : value.path("originServer").asText())
                .as(value.toString()).isEqualTo(server);
        assertThat(value.path("fullKey").asText()).as(value.toString()).isEqualTo(fullKey);
    }

    @Test
    void serverThatIsNotInTheFileIsAWarningNamingTheServersThatAre() {
        Path config = config("servers.us-2.email.smtp.port=25");

        CliRun run = CliRun.of("resolve", "--config", config.toString(), "--server", "eu-9");
        CliRun known = CliRun.of("resolve", "--config", config.toString(), "--server", "eu-1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("Warning: server eu-9 is not in " + config + "; the global settings apply. "
                + "Servers in the file: eu-1, us-2");
        assertThat(run.out()).containsPattern("email\\.smtp\\.host\\s+= mail\\.example\\.com  \\(global\\)");
        assertThat(known.err()).doesNotContain("Warning");
    }

    @Test
    void serverThatIsNotInAFileOfManyServersIsAWarningNamingFiveAndTheCount() {
        String[] servers = new String[2_000];
        for (int i = 0; i < servers.length; i++) {
            servers[i] = "servers.s" + i + ".email.smtp.port=25";
        }
        Path config = config(servers);

        CliRun run = CliRun.of("resolve", "--config", config.toString(), "--server", "not-there");

        assertThat(run.err()).contains("Servers in the file: eu-1, s0, s1, s10, s100 and 1996 more (2001 servers)")
                .doesNotContain("s1999").hasSizeLessThan(500);
    }

    @Test
    void serverThatIsNotInTheFileIsAWarningInTheJsonDocument() {
        Path config = config();

        JsonNode json = CliRun.of("resolve", "--config", config.toString(), "--server", "eu-9", "--json").json();
        JsonNode known = CliRun.of("resolve", "--config", config.toString(), "--server", "eu-1", "--json").json();

        assertThat(json.get("warnings")).singleElement().satisfies(w -> assertThat(w.asText())
                .contains("server eu-9 is not in", "Servers in the file: eu-1"));
        assertThat(known.has("warnings")).isFalse();
    }

    @Test
    void deprecatedKeyNameIsReadAsItsNewKeyWithAWarningNamingIt() {
        Path config = config("servers.eu-1.sms.enabled=true", "servers.eu-1.sms.sender=sms@example.com",
                "servers.eu-1.sms.email-gateway.destination-domain=sms.example.net");

        CliRun run = CliRun.of("resolve", "--config", config.toString(), "--server", "eu-1");
        CliRun check = CliRun.of("check", "--config", config.toString(), "--server", "eu-1", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("sms\\.email-gateway\\.sender\\s+= sms@example\\.com  \\(server eu-1\\)");
        assertThat(run.err()).contains("Warning: servers.eu-1.sms.sender: deprecated name of "
                + "servers.eu-1.sms.email-gateway.sender, read as that key; rename it");
        assertThat(check.json().get("warnings")).anySatisfy(w -> assertThat(w.asText())
                .contains("servers.eu-1.sms.sender: deprecated name of servers.eu-1.sms.email-gateway.sender"));
    }

    @Test
    void jsonListsValuesWithOriginsAndMasksSecrets() {
        CliRun run = CliRun.of("resolve", "--config", config().toString(), "--server", "eu-1", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("server").asText()).isEqualTo("eu-1");
        assertThat(json.get("problems")).isEmpty();
        assertThat(value(json, "email.smtp.host").get("value").asText()).isEqualTo("relay-eu.example.com");
        assertThat(value(json, "email.smtp.host").get("origin").asText()).isEqualTo("server eu-1");
        assertThat(value(json, "email.smtp.auth.password").get("value").asText()).isEqualTo("********");
        assertThat(value(json, "email.reply-to").get("value").isNull()).isTrue();
        assertThat(run.out()).doesNotContain("s3cr3t-pass");
    }

    @Test
    void invalidSettingsStillPrintWhatResolvedThenEveryProblemAndExitTwo() {
        CliRun run = CliRun.of("resolve", "--config",
                config("servers.eu-1.email.smtp.auth.username=eu-portal", "servers.eu-1.sms.enabled=true")
                        .toString(), "--server", "eu-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).containsPattern("email\\.smtp\\.auth\\.username\\s+= eu-portal  \\(server eu-1\\)");
        assertThat(run.err())
                .contains("3 problems:")
                .contains("servers.eu-1.email.smtp.auth.password: must be set together with "
                        + "servers.eu-1.email.smtp.auth.username")
                .contains("servers.eu-1.sms.email-gateway.sender: required")
                .contains("servers.eu-1.sms.email-gateway.destination-domain: required");
        assertThat(run.all()).doesNotContain("s3cr3t-pass");
    }

    @Test
    void unknownDeliveryMethodIsAProblemListingTheInstalledProviders() {
        CliRun run = CliRun.of("resolve", "--config", config("servers.eu-1.email.delivery-method=smpt").toString(),
                "--server", "eu-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("servers.eu-1.email.delivery-method: no email provider 'smpt' is installed; "
                + "installed: ").contains("smtp");
    }

    @Test
    void unreadableEntriesAreListedWithWhatStillResolved() {
        CliRun run = CliRun.of("resolve", "--config", config("servers.eu-1.email.smtp.port=70000",
                "servers.eu-1.email.smtp.prot=25").toString(), "--server", "eu-1", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode json = run.json();
        assertThat(value(json, "email.smtp.host").get("value").asText()).isEqualTo("relay-eu.example.com");
        assertThat(json.get("problems").findValuesAsText("key"))
                .containsExactlyInAnyOrder("servers.eu-1.email.smtp.port", "servers.eu-1.email.smtp.prot");
    }

    @Test
    void aBrokenServerDoesNotStopAnotherServerFromResolving() {
        CliRun run = CliRun.of("resolve", "--config", config("servers.us-1.email.smtp.port=70000").toString(),
                "--server", "eu-1");

        assertThat(run.exitCode()).as(run.all()).isZero();
    }

    private static JsonNode value(JsonNode json, String key) {
        for (JsonNode v : json.get("values")) {
            if (v.get("key").asText().equals(key)) {
                return v;
            }
        }
        throw new AssertionError("no key " + key + " in " + json);
    }
}
