package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.TokenFault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The commands against the Graph stub (WireMock over HTTPS on loopback), through the provider ServiceLoader finds. */
class GraphCommandsTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @TempDir
    Path dir;

    private Path config() {
        return config(line -> true);
    }

    /** The configuration with only the lines {@code keep} accepts, followed by {@code extra}. */
    private Path config(Predicate<String> keep, String... extra) {
        List<String> lines = new ArrayList<>(Stream.of(
                "email.enabled=true",
                "email.delivery-method=graph",
                "email.sender=Customer Service <support@contoso.example>",
                "email.graph.tenant-id=" + graph.tenantId(),
                "email.graph.client-id=" + graph.clientId(),
                "email.graph.client-secret=" + graph.clientSecret(),
                "email.graph.authority=" + graph.baseUrl(),
                "email.graph.endpoint=" + graph.baseUrl(),
                "email.graph.trust-store=" + graph.trustStorePath(),
                "email.graph.trust-store-password=" + graph.trustStorePassword(),
                "email.retry.max-attempts=1",
                "servers.eu-1.email.sender=EU Portal <portal-eu@contoso.example>").filter(keep).toList());
        lines.addAll(List.of(extra));
        return CliRun.writeConfig(dir, lines.toArray(String[]::new));
    }

    @Test
    void untrustedLoginHostCertificateExitsTwoNamingTheTrustStoreWithoutRetrying() {
        Path config = config(line -> !line.startsWith("email.graph.trust-store") && !line.startsWith("email.retry."),
                "email.retry.max-attempts=3", "email.retry.initial-delay=10ms");

        CliRun run = CliRun.of("test-email", "--config", config.toString(), "--to", "admin@contoso.example");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("email.graph.trust-store: ", "PKIX path building failed", "email.graph.authority")
                .doesNotContain("transient", "attempt(s)");
        assertThat(graph.tokenRequests()).isEmpty();
    }

    @Test
    void loginHostAndGraphOfTwoCloudsAreRefusedByResolveAndCheckBeforeAnyRequest() {
        Path config = config(line -> !line.startsWith("email.graph.authority") && !line.startsWith("email.graph.endpoint"),
                "email.graph.authority=https://login.microsoftonline.us", "email.graph.endpoint=https://graph.microsoft.com");

        for (String command : List.of("resolve", "check")) {
            CliRun run = CliRun.of(command, "--config", config.toString());

            assertThat(run.exitCode()).as(command + "\n" + run.all()).isEqualTo(2);
            assertThat(run.err()).as(command).contains("email.graph.endpoint: ", "usgov", "global");
        }
        assertThat(graph.tokenRequests()).isEmpty();
    }

    @Test
    void testEmailGoesThroughGraph() {
        CliRun run = CliRun.of("test-email", "--config", config().toString(), "--server", "eu-1",
                "--to", "admin@contoso.example", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("provider").asText()).isEqualTo("graph");
        assertThat(json.get("accepted").get(0).asText()).isEqualTo("admin@contoso.example");
        EmailMessage sent = graph.messages().get(0);
        assertThat(sent.from()).map(EmailAddress::address).contains("portal-eu@contoso.example");
        assertThat(sent.subject()).contains("server eu-1");
        assertThat(run.all()).doesNotContain(graph.clientSecret());
    }

    @Test
    void graphRefusalExitsOneAndSaysWhatToDo() {
        graph.failNextSendMails(1, GraphFault.error(403, "ErrorAccessDenied", "Access is denied."));

        CliRun run = CliRun.of("test-email", "--config", config().toString(), "--to", "admin@contoso.example");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Delivery failed (permanent)").contains("Mail.Send");
        assertThat(run.all()).doesNotContain(graph.clientSecret());
    }

    @Test
    void refusedTokenRequestLeavesOnlyNotifysOwnMessagesOnStderr() {
        graph.failNextTokenRequests(2, TokenFault.invalidClientSecret());

        CliRun check = CliRun.withProcessStderr("check", "--config", config().toString());
        CliRun testEmail = CliRun.withProcessStderr("test-email", "--config", config().toString(),
                "--to", "admin@contoso.example");

        assertThat(graph.tokenRequests()).hasSize(2);
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(testEmail.exitCode()).isEqualTo(2);
        assertThat(check.err() + testEmail.err()).contains("email.graph.client-secret").doesNotContain("msal4j")
                .doesNotContain("com.microsoft").doesNotContain("Correlation ID");
        assertThat(check.all() + testEmail.all()).doesNotContain(graph.clientSecret());
    }

    @Test
    void checkReportsTheTokenAndItsMailSendRole() {
        CliRun run = CliRun.of("check", "--config", config().toString(), "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.json().get("provider").asText()).isEqualTo("graph");
        assertThat(run.json().get("ok").asBoolean()).isTrue();
        assertThat(run.json().get("items").toString()).contains("Mail.Send");
        assertThat(graph.messages()).isEmpty();
        assertThat(run.all()).doesNotContain(graph.clientSecret());
    }
}
