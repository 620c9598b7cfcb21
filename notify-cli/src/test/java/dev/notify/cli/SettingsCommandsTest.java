package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsCommandsTest {

    private static final String PASSWORD = "hunter2-s3cret-value";

    @TempDir
    Path dir;

    Path config;
    Path keys;

    @BeforeEach
    void files() throws IOException {
        config = CliRun.writeConfig(dir,
                "# the portal's settings",
                "email.enabled=true",
                "email.sender=Customer Service <support@example.com>",
                "email.smtp.host=mail.example.com",
                "email.smtp.auth.enabled=true",
                "email.smtp.auth.username=portal",
                "email.smtp.auth.password=${file:smtp-password}");
        Files.writeString(dir.resolve("smtp-password"), "from-a-file\n");
        keys = writeKeys("keys", "k1:" + key(1));
    }

    private Path writeKeys(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static String key(int seed) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) seed);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private CliRun settings(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "settings";
        System.arraycopy(args, 0, all, 1, 1);
        all[2] = "--config";
        all[3] = config.toString();
        all[4] = "--keys-file=" + keys;
        System.arraycopy(args, 1, all, 5, args.length - 1);
        return CliRun.of(all);
    }

    @Test
    void setSavesANewVersionThatShowAndHistoryList() throws IOException {
        CliRun set = settings("set", "servers.eu-1.email.smtp.host", "relay-eu.example.com", "--author", "ann",
                "--comment", "EU relay");

        assertThat(set.exitCode()).as(set.all()).isZero();
        assertThat(set.out()).contains("Saved as version 2");
        assertThat(Files.readString(config)).startsWith("# the portal's settings\nemail.enabled=true\n")
                .endsWith("\nservers.eu-1.email.smtp.host=relay-eu.example.com\n");
        assertThat(settings("show", "--server", "eu-1").out())
                .isEqualTo("version 2\nservers.eu-1.email.smtp.host=relay-eu.example.com\n");
        JsonNode history = settings("history", "--json").json();
        assertThat(history.get("version").asInt()).isEqualTo(2);
        JsonNode last = history.get("entries").get(1);
        assertThat(last.get("author").asText()).isEqualTo("ann");
        assertThat(last.get("comment").asText()).isEqualTo("EU relay");
        assertThat(last.get("kind").asText()).isEqualTo("APPLIED");
        assertThat(last.get("changes").get(0).get("key").asText()).isEqualTo("servers.eu-1.email.smtp.host");
        assertThat(history.get("entries").get(0).get("kind").asText()).isEqualTo("EDITED_OUTSIDE");
    }

    @Test
    void invalidValueIsRefusedWithTheFullKeyAndExitTwoAndNothingIsWritten() throws IOException {
        String before = Files.readString(config);

        CliRun run = settings("set", "servers.eu-1.email.smtp.port", "70000", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.json().get("status").asText()).isEqualTo("INVALID_SETTINGS");
        assertThat(run.json().get("problems").findValuesAsText("key")).containsExactly("servers.eu-1.email.smtp.port");
        assertThat(Files.readString(config)).isEqualTo(before);
    }

    @Test
    void secretValueOnTheCommandLineIsRefusedWithoutRepeatingIt() throws IOException {
        String before = Files.readString(config);

        CliRun run = settings("set", "email.smtp.auth.password", PASSWORD);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("email.smtp.auth.password is a secret");
        assertThat(run.all()).doesNotContain(PASSWORD);
        assertThat(Files.readString(config)).isEqualTo(before);
    }

    @Test
    void secretIsReadFromStandardInputStoredEncryptedAndShownMasked() throws IOException {
        CliRun run = CliRun.withStdin(PASSWORD + "\n", "settings", "set", "email.smtp.auth.password", "--config",
                config.toString(), "--keys-file", keys.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Files.readString(config)).doesNotContain(PASSWORD).contains("email.smtp.auth.password=${enc:v1:k1:");
        assertThat(Files.readString(dir.resolve("notify.properties.journal"))).doesNotContain(PASSWORD);
        CliRun show = settings("show");
        assertThat(show.out()).contains("email.smtp.auth.password=********").doesNotContain(PASSWORD);
        assertThat(settings("history").out()).contains("email.smtp.auth.password: set").doesNotContain(PASSWORD);
    }

    @Test
    void secretWithoutAnEncryptionKeyIsRefusedNamingTheKey() throws IOException {
        CliRun run = CliRun.withStdin(PASSWORD + "\n", "settings", "set", "email.smtp.auth.password", "--config",
                config.toString(), "--keys-env", "NOTIFY_TEST_NO_SUCH_VARIABLE_Q");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.all()).contains("NOTIFY_TEST_NO_SUCH_VARIABLE_Q").doesNotContain(PASSWORD);
    }

    @Test
    void referenceMayBeGivenOnTheCommandLineAndStaysAReference() throws IOException {
        CliRun missing = settings("set", "email.smtp.auth.password", "${file:no-such-file}");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("email.smtp.auth.password").contains("no-such-file");

        Files.writeString(dir.resolve("other-password"), PASSWORD + "\n");
        CliRun run = settings("set", "email.smtp.auth.password", "${file:other-password}");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Files.readString(config)).contains("email.smtp.auth.password=${file:other-password}\n");
        assertThat(settings("show").out()).contains("email.smtp.auth.password=${file:other-password}")
                .doesNotContain(PASSWORD);
    }

    @Test
    void rollbackRestoresAVersionAsANewOne() throws IOException {
        settings("set", "email.smtp.port", "2525");
        settings("set", "email.smtp.port", "587");

        CliRun run = settings("rollback", "2", "--author", "bob");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Saved as version 4");
        assertThat(Files.readString(config)).contains("email.smtp.port=2525\n");
        assertThat(settings("history", "--limit", "1").out()).contains("version 4").contains("bob").contains("rollback")
                .contains("email.smtp.port: 587 -> 2525");
    }

    @Test
    void unsetRemovesKeysSoTheyAreInheritedAgain() throws IOException {
        settings("set", "servers.eu-1.email.smtp.host", "relay-eu.example.com");

        CliRun run = settings("unset", "servers.eu-1.email.smtp.host");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Files.readString(config)).doesNotContain("servers.eu-1");
    }

    @Test
    void staleBaseIsAConflictNamingTheKeysChangedSince() {
        settings("set", "email.smtp.port", "2525");

        CliRun run = settings("set", "email.smtp.host", "other.example.com", "--base", "1", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().get("status").asText()).isEqualTo("CONFLICT");
        assertThat(run.json().get("changedKeys").get(0).asText()).isEqualTo("email.smtp.port");
    }

    @Test
    void reencryptMovesEverySecretToTheNewKey() throws IOException {
        CliRun.withStdin(PASSWORD + "\n", "settings", "set", "email.smtp.auth.password", "--config", config.toString(),
                "--keys-file", keys.toString());
        keys = writeKeys("keys-2", "k2:" + key(2), "k1:" + key(1));

        CliRun run = settings("reencrypt");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Files.readString(config)).contains("${enc:v1:k2:").doesNotContain("${enc:v1:k1:");
        keys = writeKeys("keys-3", "k2:" + key(2));
        assertThat(settings("show").err()).isEmpty();
    }

    @Test
    void noErrorRepeatsAnArgumentThatCouldBeASecret() {
        CliRun misspelt = CliRun.of("setings", "set", "email.smtp.auth.password", PASSWORD);
        CliRun extra = settings("set", "email.smtp.host", "a.example.com", PASSWORD);
        CliRun badNumber = settings("history", "--limit", PASSWORD);

        assertThat(misspelt.exitCode()).isEqualTo(2);
        assertThat(misspelt.err()).contains("did you mean 'settings'").doesNotContain(PASSWORD);
        assertThat(extra.exitCode()).isEqualTo(2);
        assertThat(extra.all()).doesNotContain(PASSWORD);
        assertThat(badNumber.exitCode()).isEqualTo(2);
        assertThat(badNumber.all()).doesNotContain(PASSWORD);
    }
}
