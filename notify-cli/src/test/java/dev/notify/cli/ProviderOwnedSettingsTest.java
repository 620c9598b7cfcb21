package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notify.cli.acme.AcmeSmsProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider the core has never heard of ({@link AcmeSmsProvider}, only in these tests) declares its own keys;
 * they are read, inherited, validated, resolved and described like notify's own, and its secret is never shown.
 */
class ProviderOwnedSettingsTest {

    private static final String TOKEN = "acme-T0KEN-value";
    private static final String EU_TOKEN = "acme-EU-T0KEN";

    @TempDir
    Path dir;

    private Path config(String... more) {
        List<String> lines = new ArrayList<>(List.of(
                "sms.enabled=true",
                "sms.delivery-method=acme",
                "sms.acme.account=portal-global",
                "sms.acme.token=" + TOKEN,
                "servers.eu-1.sms.acme.account=portal-eu",
                "servers.eu-1.sms.acme.token=" + EU_TOKEN));
        lines.addAll(List.of(more));
        return CliRun.writeConfig(dir, lines.toArray(String[]::new));
    }

    @Test
    void resolveShowsTheProvidersKeysWithTheirOriginsAndMasksItsSecret() {
        CliRun run = CliRun.of("resolve", "--config", config().toString(), "--server", "eu-1", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode account = value(run.json(), "sms.acme.account");
        assertThat(account.get("value").asText()).isEqualTo("portal-eu");
        assertThat(account.get("originKind").asText()).isEqualTo("server");
        assertThat(account.get("fullKey").asText()).isEqualTo("servers.eu-1.sms.acme.account");
        assertThat(value(run.json(), "sms.acme.token").get("value").asText()).isEqualTo("********");
        assertThat(run.all()).doesNotContain(TOKEN).doesNotContain(EU_TOKEN);
    }

    @Test
    void serverWithoutOverridesInheritsTheGlobalCredentialGroup() {
        CliRun run = CliRun.of("resolve", "--config", config().toString(), "--server", "us-1", "--json");

        JsonNode account = value(run.json(), "sms.acme.account");
        assertThat(account.get("value").asText()).isEqualTo("portal-global");
        assertThat(account.get("originKind").asText()).isEqualTo("global");
        assertThat(account.get("inherited").asBoolean()).isTrue();
        assertThat(run.all()).doesNotContain(TOKEN);
    }

    @Test
    void theProvidersValidatorNamesTheMissingKeyOfTheServer() {
        CliRun run = CliRun.of("resolve", "--config", config("servers.us-2.sms.acme.account=portal-us").toString(),
                "--server", "us-2", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.json().get("problems").findValuesAsText("key")).containsExactly("servers.us-2.sms.acme.token");
        assertThat(run.all()).doesNotContain(TOKEN);
    }

    @Test
    void aSendGoesThroughTheProviderWithTheServersCredentials() {
        CliRun run = CliRun.of("send-sms", "--config", config().toString(), "--server", "eu-1",
                "--to", "+15550101234", "--text", "code 123456", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("portal-eu");
        assertThat(run.all()).doesNotContain(EU_TOKEN);
    }

    @Test
    void schemaDescribesTheProvidersKeysForAnAdminPage() {
        CliRun run = CliRun.of("schema", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode token = key(run.json(), "sms.acme.token");
        assertThat(token.get("type").asText()).isEqualTo("secret");
        assertThat(token.get("secret").asBoolean()).isTrue();
        assertThat(token.get("credentialGroup").asText()).isEqualTo("acme-credentials");
        assertThat(token.get("section").asText()).isEqualTo("sms.acme");
        assertThat(token.get("appliesWhen").get("key").asText()).isEqualTo("sms.delivery-method");
        assertThat(token.get("appliesWhen").get("anyOf").get(0).asText()).isEqualTo("acme");
        assertThat(token.get("providers").get(0).asText()).isEqualTo("acme");
    }

    static JsonNode value(JsonNode json, String key) {
        for (JsonNode v : json.get("values")) {
            if (v.get("key").asText().equals(key)) {
                return v;
            }
        }
        throw new AssertionError("no key " + key + " in " + json);
    }

    static JsonNode key(JsonNode json, String name) {
        for (JsonNode k : json.get("keys")) {
            if (k.get("key").asText().equals(name)) {
                return k;
            }
        }
        throw new AssertionError("no key " + name + " in " + json);
    }
}
