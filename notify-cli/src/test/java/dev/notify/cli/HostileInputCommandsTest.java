package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.testkit.sms.SmsFault;
import dev.notify.testkit.sms.SmsRequest;
import dev.notify.testkit.sms.SmsServiceExtension;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a hostile service, file or argument can make the command print (issue 30, items 1, 9, 11, 13, 14, 15 and 16;
 * issue 22's echoed arguments): no secret, no control character, nothing unbounded, and the usual exit codes.
 */
class HostileInputCommandsTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();
    @RegisterExtension
    static final WebhookServerExtension webhook = WebhookServerExtension.create();

    private static final String PASSWORD = "db-Secret-42xq";

    @TempDir
    Path dir;

    private Path config(SmsServiceExtension stub) {
        List<String> lines = new ArrayList<>();
        stub.properties().forEach((key, value) -> lines.add(key + "=" + value));
        lines.add("sms.retry.max-attempts=1");
        return CliRun.writeConfig(dir, lines.toArray(String[]::new));
    }

    private static void assertNoControlCharacter(String text) {
        assertThat(text.chars().filter(c -> c != '\n' && c != '\t' && (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)
                || c == 0x202e))).as(text).isEmpty();
    }

    @Test
    void aServiceIdWithTerminalEscapesIsPrintedEscaped() {
        twilio.failNextSend(SmsFault.raw(201, "application/json",
                "{\"sid\":\"SM\\u001b]0;owned\\u0007\\u001b[2J\\r\\nFAKE LINE\\u202e\",\"status\":\"queued\\u001b[31m\"}"));

        CliRun run = CliRun.of("send-sms", "--config", config(twilio).toString(), "--to", "+15550101234", "--text", "hi");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertNoControlCharacter(run.all());
        assertThat(run.out()).doesNotContain("\nFAKE LINE");
    }

    @Test
    void aHugeNumberAsTheSidIsPrintedAsWritten() {
        twilio.failNextSend(SmsFault.raw(201, "application/json", "{\"sid\":1e999999999,\"status\":\"queued\"}"));

        CliRun run = CliRun.of("send-sms", "--config", config(twilio).toString(), "--to", "+15550101234", "--text", "hi",
                "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.json().get("messageId").asText()).isEqualTo("1e999999999");
        assertThat(run.out()).hasSizeLessThan(5_000);
    }

    @Test
    void twilioCreatedWithStatusFailedExitsOne() {
        twilio.failNextSend(SmsFault.raw(201, "application/json", "{\"sid\":\"SM1\",\"status\":\"failed\"}"));

        CliRun run = CliRun.of("send-sms", "--config", config(twilio).toString(), "--to", "+15550101234", "--text", "hi");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("Delivery failed (permanent)", "status failed");
    }

    @Test
    void anUnreadableSuccessIsAcceptedWithTheIdUnknownAndSentOnce() {
        twilio.failNextSend(SmsFault.raw(200, "text/html", "<html>proxy</html>"));

        CliRun run = CliRun.of("send-sms", "--config", config(twilio).toString(), "--to", "+15550101234", "--text", "hi");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("id for the SMS is unknown");
        assertThat(twilio.requests(SmsRequest.Endpoint.SEND)).hasSize(1);
    }

    @Test
    void theWebhookTokenQuotedAsTheMessageIdIsMasked() {
        webhook.failNextSend(SmsFault.raw(200, "application/json",
                "{\"id\":\"Bearer " + WebhookServerExtension.DEFAULT_TOKEN + "\"}"));

        CliRun run = CliRun.of("send-sms", "--config", config(webhook).toString(), "--to", "+15550101234", "--text", "hi",
                "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain(WebhookServerExtension.DEFAULT_TOKEN).contains("********");
    }

    @Test
    void checkShowsTheAccountNameWithoutTheCredentialOrEscapes() {
        String basic = Base64.getEncoder().encodeToString((TwilioServerExtension.DEFAULT_ACCOUNT_SID + ":"
                + TwilioServerExtension.DEFAULT_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        twilio.failNextChecks(1, SmsFault.raw(200, "application/json", "{\"friendly_name\":\"\\u001b[1mBasic " + basic
                + "\",\"status\":\"active\"}"));

        CliRun run = CliRun.of("check", "--config", config(twilio).toString(), "--channel", "sms");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("account.name: ", "Basic ********").doesNotContain(basic);
        assertNoControlCharacter(run.all());
    }

    @Test
    void aServerIdWithEscapesIsPrintedEscapedInTheWarning() {
        Path file = CliRun.writeConfig(dir, "email.enabled=false");

        CliRun run = CliRun.of("resolve", "--config", file.toString(), "--server", "eu\u001b[31m\u202e-1");

        assertNoControlCharacter(run.all());
        assertThat(run.err()).contains("eu\\u001b[31m\\u202e-1");
    }

    @Test
    void aHugeInvalidValueIsCutInTheError() {
        Path file = CliRun.writeConfig(dir, "email.enabled=true", "email.smtp.host=" + "h".repeat(5_000_000) + "\u001b");

        CliRun run = CliRun.of("check", "--config", file.toString());

        assertThat(run.exitCode()).as(run.err().substring(0, Math.min(500, run.err().length()))).isEqualTo(2);
        assertThat(run.all()).hasSizeLessThan(100_000).contains("email.smtp.host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://admin:" + PASSWORD + "@db.example/notify",
        "jdbc:sqlserver://db.example;user=sa;password=" + PASSWORD, "jdbc:h2:mem:x;USER=sa;PASSWORD=" + PASSWORD,
        "jdbc:mariadb://db.example/notify?user=a&password=" + PASSWORD, "jdbc:oracle:thin:scott/" + PASSWORD + "@db:1521/x",
        "jdbc:nothing:" + PASSWORD + "?password=" + PASSWORD})
    void aUrlWithoutADriverSaysWhatIsSupportedAndNeverThePassword(String url) {
        CliRun run = CliRun.of("outbox", "list", "--jdbc-url", url);
        CliRun json = CliRun.of("outbox", "list", "--jdbc-url", url, "--json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("--jdbc-url", "no JDBC driver", "PostgreSQL", "java -cp notify.jar:DRIVER.jar");
        assertThat(run.all() + json.all()).doesNotContain("Not sent", "REJECTED");
        if (!url.startsWith("jdbc:nothing")) {
            assertThat(run.all() + json.all()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAJournalErrorWithoutThePassword() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/notify?user=notify&password=" + PASSWORD
                + "&connectTimeout=2";

        CliRun run = CliRun.of("outbox", "list", "--jdbc-url", url);
        CliRun json = CliRun.of("outbox", "list", "--jdbc-url", url, "--json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(4);
        assertThat(run.err()).startsWith("Journal error: ").doesNotContain("Not sent");
        assertThat(json.json().get("status").asText()).isEqualTo("JOURNAL_ERROR");
        assertThat(run.all() + json.all()).doesNotContain(PASSWORD);
    }

    @Test
    void anUnknownCommandNeverEchoesItsArguments() {
        CliRun run = CliRun.of("chek", "--config", "notify.properties", "--password", "hunter2-Secret");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown command or argument (argument 1", "did you mean 'check'")
                .doesNotContain("hunter2-Secret", "chek");
    }

    @Test
    void aSecretPastedAsAnOptionOrAValueIsNeverEchoed() {
        CliRun stray = CliRun.of("check", "--config", "notify.properties", "hunter2-Secret");
        CliRun option = CliRun.of("check", "--config", "notify.properties", "--pasword=hunter2-Secret");
        CliRun pasted = CliRun.of("check", "--config", "notify.properties", "--hunter2:Secret");
        CliRun value = CliRun.of("outbox", "list", "--journal", dir.toString(), "--limit", "hunter2-Secret");

        for (CliRun run : List.of(stray, option, pasted, value)) {
            assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
            assertThat(run.all()).doesNotContain("hunter2");
        }
        assertThat(option.err()).contains("Unknown option: '--pasword'");
        assertThat(value.err()).contains("Invalid value for option '--limit'");
    }
}
