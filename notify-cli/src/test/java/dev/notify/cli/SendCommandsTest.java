package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SendCommandsTest {

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain().withUser("portal", "s3cr3t-pass");

    @TempDir
    Path dir;

    private Path config(String... extra) {
        return config(smtp.port(), extra);
    }

    private Path config(int port, String... extra) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "email.enabled=true",
                "email.sender=Customer Service <support@example.com>",
                "email.smtp.host=127.0.0.1",
                "email.smtp.port=" + port,
                "email.smtp.tls=none",
                "email.smtp.auth.enabled=true",
                "email.smtp.auth.username=portal",
                "email.smtp.auth.password=${file:smtp-password}",
                "email.retry.initial-delay=10ms",
                "sms.enabled=true",
                "sms.email-gateway.sender=sms@example.com",
                "sms.email-gateway.destination-domain=sms.example.net",
                "servers.eu-1.email.sender=EU Portal <portal-eu@example.com>",
                "servers.quiet.email.enabled=false",
                "servers.quiet.sms.enabled=false"));
        lines.addAll(List.of(extra));
        try {
            Files.writeString(dir.resolve("smtp-password"), "s3cr3t-pass\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return CliRun.writeConfig(dir, lines.toArray(String[]::new));
    }

    @Test
    void testEmailSendsTheStandardMessageWithTheServersSettings() {
        CliRun run = CliRun.of("test-email", "--config", config().toString(), "--server", "eu-1", "--to", "admin@example.com");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Test email accepted via smtp for server eu-1")
                .contains("provider:   smtp").containsPattern("message id: <[0-9a-f]{32}@example\\.com>")
                .contains("accepted:   admin@example.com");
        EmailMessage received = smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(received.from()).map(EmailAddress::toString).contains("EU Portal <portal-eu@example.com>");
        assertThat(received.subject()).contains("server eu-1");
        assertThat(received.text()).hasValueSatisfying(t -> assertThat(t).contains("Delivery method: smtp"));
        assertThat(run.all()).doesNotContain("s3cr3t-pass");
    }

    @Test
    void testEmailJsonCarriesProviderMessageIdAndAcceptedRecipient() {
        CliRun run = CliRun.of("test-email", "--config", config().toString(), "--to", "admin@example.com", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(json.get("provider").asText()).isEqualTo("smtp");
        assertThat(json.get("server").isNull()).isTrue();
        assertThat(json.get("messageId").asText()).matches("<[0-9a-f]{32}@example\\.com>");
        assertThat(json.get("accepted").get(0).asText()).isEqualTo("admin@example.com");
        assertThat(json.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void sendEmailToSeveralRecipientsReportsEachOutcome() {
        CliRun run = CliRun.of("send-email", "--config", config().toString(), "--to", "alice@example.com",
                "--to", "Bob <bob@example.com>", "--subject", "Quarterly report", "--text", "It is ready.", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.json().get("accepted")).extracting(JsonNode::asText)
                .containsExactly("alice@example.com", "bob@example.com");
        EmailMessage received = smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(received.subject()).isEqualTo("Quarterly report");
        assertThat(received.to()).extracting(EmailAddress::address).containsExactly("alice@example.com", "bob@example.com");
    }

    @Test
    void sendEmailWithAnHtmlFileSendsItsContent() throws IOException {
        Path html = Files.writeString(dir.resolve("body.html"), "<p>Grüße aus <b>notify</b></p>");

        CliRun run = CliRun.of("send-email", "--config", config().toString(), "--to", "alice@example.com",
                "--subject", "HTML", "--html", html.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0).html())
                .contains("<p>Grüße aus <b>notify</b></p>");
    }

    @Test
    void sendSmsGoesToTheGatewayAddress() {
        CliRun run = CliRun.of("send-sms", "--config", config().toString(), "--to", "+1 (555) 010-1234",
                "--text", "Your passcode is 482913.", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.json().get("details").get("sms.gateway-address").asText()).isEqualTo("15550101234@sms.example.net");
        EmailMessage received = smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(received.to()).extracting(EmailAddress::address).containsExactly("15550101234@sms.example.net");
        assertThat(received.text()).hasValueSatisfying(t -> assertThat(t.strip()).isEqualTo("Your passcode is 482913."));
    }

    @Test
    void testEmailForAServerThatIsNotInTheFileWarnsThatTheGlobalSettingsApply() {
        CliRun run = CliRun.of("test-email", "--config", config().toString(), "--server", "eu-9",
                "--to", "admin@example.com");
        CliRun json = CliRun.of("test-email", "--config", config().toString(), "--server", "eu-9",
                "--to", "admin@example.com", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("Warning: server eu-9 is not in").contains("Servers in the file: eu-1, quiet");
        assertThat(json.json().get("warnings")).singleElement()
                .satisfies(w -> assertThat(w.asText()).contains("server eu-9", "the global settings apply"));
        assertThat(json.json().get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void disabledChannelExitsThreeAndSendsNothing() {
        CliRun email = CliRun.of("test-email", "--config", config().toString(), "--server", "quiet", "--to", "a@example.com");
        CliRun sms = CliRun.of("send-sms", "--config", config().toString(), "--server", "quiet", "--to", "+15550101234",
                "--text", "hi", "--json");

        assertThat(email.exitCode()).isEqualTo(3);
        assertThat(email.out()).contains("not sent: email is disabled for server quiet");
        assertThat(sms.exitCode()).isEqualTo(3);
        assertThat(sms.json().get("status").asText()).isEqualTo("CHANNEL_DISABLED");
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void unreachableServerExitsOneAndSaysTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRun run = CliRun.of("test-email", "--config", config(closedPort, "email.smtp.connect-timeout=2s").toString(),
                "--to", "admin@example.com");
        CliRun json = CliRun.of("test-email", "--config", config(closedPort).toString(), "--to", "admin@example.com",
                "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Delivery failed (transient) after 3 attempt(s)").contains("127.0.0.1:" + closedPort)
                .contains("what to check");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.json().get("kind").asText()).isEqualTo("transient");
        assertThat(run.all() + json.all()).doesNotContain("s3cr3t-pass");
    }

    @Test
    void wrongPasswordIsASettingsErrorWithoutThePassword() throws IOException {
        Path config = config();
        Files.writeString(dir.resolve("smtp-password"), "wrong-pass-LEAK\n");

        CliRun run = CliRun.of("test-email", "--config", config.toString(), "--to", "admin@example.com");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("email.smtp.auth.username").contains("authentication failed for user portal");
        assertThat(run.all()).doesNotContain("wrong-pass-LEAK");
    }

    @Test
    void refusedLoginMakesCheckExitTwoLikeTestEmail() throws IOException {
        Path config = config();
        Files.writeString(dir.resolve("smtp-password"), "wrong-pass-LEAK\n");

        CliRun check = CliRun.of("check", "--config", config.toString());
        CliRun json = CliRun.of("check", "--config", config.toString(), "--json");
        CliRun testEmail = CliRun.of("test-email", "--config", config.toString(), "--to", "admin@example.com");

        assertThat(testEmail.exitCode()).isEqualTo(2);
        assertThat(check.exitCode()).as(check.all()).isEqualTo(2);
        assertThat(check.out()).contains("Check of the global settings via smtp: FAILED");
        assertThat(check.err()).contains("email.smtp.auth.username").contains("authentication failed for user portal");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.json().get("ok").asBoolean()).isFalse();
        assertThat(json.json().get("problems").findValuesAsText("key")).containsExactly("email.smtp.auth.username");
        assertThat(check.all() + json.all() + testEmail.all()).doesNotContain("wrong-pass-LEAK");
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void checkProbesTheServerWithoutSendingAnything() {
        CliRun run = CliRun.of("check", "--config", config().toString(), "--server", "eu-1");
        CliRun json = CliRun.of("check", "--config", config().toString(), "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Check of server eu-1 via smtp: OK");
        assertThat(json.json().get("ok").asBoolean()).isTrue();
        assertThat(json.json().get("items").size()).isPositive();
        assertThat(smtp.messages()).isEmpty();
        assertThat(run.all() + json.all()).doesNotContain("s3cr3t-pass");
    }

    @Test
    void checkOfAnUnreachableServerExitsOne() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRun run = CliRun.of("check", "--config", config(closedPort).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED");
        assertThat(run.err()).contains("problem:");
    }

    @Test
    void invalidMessageIsRejectedBeforeAnyConnection() {
        CliRun run = CliRun.of("send-email", "--config", config().toString(), "--to", "not-an-address",
                "--subject", "x", "--text", "y", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.json().get("status").asText()).isEqualTo("INVALID_MESSAGE");
        assertThat(run.json().get("problems").findValuesAsText("key")).containsExactly("to[0]");
        assertThat(smtp.messages()).isEmpty();
    }
}
