package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoAndUsageTest {

    @Test
    void demoSendsTheTestEmailAndAPasscodeSmsThroughAnEmbeddedServer() {
        CliRun run = CliRun.of("demo");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out())
                .contains("The SMTP server received 2 message(s):")
                .contains("from:    EU Portal <portal-eu@example.com>")
                .contains("to:      admin@example.com")
                .contains("subject: notify test email for server eu-1")
                .contains("from:    sms@example.com")
                .contains("to:      15550101234@sms.example.net")
                .contains("Your passcode is")
                .contains("Sent with the settings of server eu-1 via smtp");
    }

    @Test
    void demoJsonReportsWhatTheServerReceived() {
        JsonNode json = CliRun.of("demo", "--json").json();

        assertThat(json.get("server").asText()).isEqualTo("eu-1");
        assertThat(json.get("deliveryMethod").asText()).isEqualTo("smtp");
        assertThat(json.get("received")).hasSize(2);
        assertThat(json.get("received").findValuesAsText("to"))
                .containsExactlyInAnyOrder("admin@example.com", "15550101234@sms.example.net");
        assertThat(json.get("smsGatewayAddress").asText()).isEqualTo("15550101234@sms.example.net");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("notify \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void helpListsEveryCommand() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo", "test-email", "send-email", "send-sms", "resolve", "check");
    }

    @Test
    void missingRequiredOptionIsAUsageErrorWithExitTwo() {
        CliRun run = CliRun.of("test-email", "--config", "notify.properties");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--to=ADDRESS'");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            check --cofig notify.properties                         | --cofig   | --config
            check --cofig=notify.properties --json                  | --cofig   | --config
            test-email --config notify.properties --tto a@b.example | --tto     | --to
            resolve --config notify.properties --sever eu-1         | --sever   | --server
            """)
    void misspeltOptionIsReportedAsUnknownWithASuggestion(String args, String typed, String meant) {
        CliRun run = CliRun.of(args.split(" "));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '" + typed + "'; did you mean '" + meant + "'?")
                .doesNotContain("Missing required option");
    }

    @Test
    void unknownOptionWithoutALikelyMeaningIsReportedWithoutASuggestion() {
        CliRun run = CliRun.of("check", "--config", "notify.properties", "--xyzzy");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--xyzzy'").doesNotContain("did you mean");
    }

    @Test
    void misspeltCommandIsStillSuggestedByPicocli() {
        CliRun run = CliRun.of("chek", "--config", "notify.properties");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("did you mean 'check'").doesNotContain("Unknown option", "chek");
    }

    @Test
    void noCommandIsAUsageErrorWithExitTwo() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing command");
    }

    @Test
    void missingConfigFileIsASettingsErrorWithExitTwo() {
        CliRun run = CliRun.of("resolve", "--config", "/nonexistent/notify.properties", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.json().get("problems").findValuesAsText("key")).containsExactly("/nonexistent/notify.properties");
    }

    @Test
    void badServerIdIsAUsageErrorWithExitTwo() {
        CliRun run = CliRun.of("resolve", "--config", "/nonexistent/notify.properties", "--server", "eu 1");

        assertThat(run.exitCode()).isEqualTo(2);
    }
}
