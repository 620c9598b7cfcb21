package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notify.testkit.sms.InfobipServerExtension;
import dev.notify.testkit.sms.SentSms;
import dev.notify.testkit.sms.SmsFault;
import dev.notify.testkit.sms.SmsRequest;
import dev.notify.testkit.sms.SmsServiceExtension;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.testkit.sms.VonageServerExtension;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code send-sms} and {@code check --channel sms} through each HTTP SMS service, against the test kit's stubs (WireMock
 * over HTTPS on loopback), with the providers ServiceLoader finds in the jar.
 */
class SmsServiceCommandsTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();
    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();
    @RegisterExtension
    static final InfobipServerExtension infobip = InfobipServerExtension.create();
    @RegisterExtension
    static final WebhookServerExtension webhook = WebhookServerExtension.create();

    @TempDir
    Path dir;

    /** Provider ids, not the stubs: JUnit closes AutoCloseable arguments after each invocation. */
    static Stream<Arguments> services() {
        return Stream.of(Arguments.of("twilio", "accepted by Twilio"), Arguments.of("vonage", "accepted by Vonage"),
                Arguments.of("infobip", "accepted by Infobip"), Arguments.of("webhook", "accepted by the SMS webhook"));
    }

    private static SmsServiceExtension stub(String id) {
        return Stream.of(twilio, vonage, infobip, webhook).filter(s -> s.providerId().equals(id)).findFirst().orElseThrow();
    }

    private Path config(SmsServiceExtension stub) {
        List<String> lines = new ArrayList<>();
        stub.properties().forEach((key, value) -> lines.add(key + "=" + value));
        lines.add("sms.retry.max-attempts=1");
        lines.add("servers.eu-1.sms.default-country-code=44");
        return CliRun.writeConfig(dir, lines.toArray(String[]::new));
    }

    private static String noSecretIn(CliRun run, SmsServiceExtension stub) {
        for (String secret : stub.secrets()) {
            assertThat(run.all()).as("output of the run").doesNotContain(secret);
        }
        return run.all();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("services")
    void sendSmsGoesThroughTheService(String id, String outcome) {
        SmsServiceExtension stub = stub(id);
        CliRun run = CliRun.of("send-sms", "--config", config(stub).toString(), "--server", "eu-1",
                "--to", "07700 900123", "--text", "Your code is 123456.", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("provider").asText()).isEqualTo(stub.providerId());
        assertThat(json.get("accepted").get(0).asText()).isEqualTo("+447700900123");
        assertThat(json.get("details").get("sms.outcome").asText()).startsWith(outcome);
        SentSms sent = stub.messages().get(0);
        assertThat(sent.to()).isEqualTo("+447700900123");
        assertThat(sent.text()).isEqualTo("Your code is 123456.");
        assertThat(json.get("messageId").asText()).isEqualTo(sent.messageId());
        noSecretIn(run, stub);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("services")
    void checkWithChannelSmsProvesTheCredentialsAndSendsNothing(String id, String outcome) {
        SmsServiceExtension stub = stub(id);
        CliRun run = CliRun.of("check", "--config", config(stub).toString(), "--channel", "sms", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.json().get("provider").asText()).isEqualTo(stub.providerId());
        assertThat(run.json().get("channel").asText()).isEqualTo("sms");
        assertThat(run.json().get("ok").asBoolean()).isTrue();
        assertThat(stub.messages()).isEmpty();
        assertThat(stub.requests()).extracting(SmsRequest::endpoint).containsOnly(SmsRequest.Endpoint.CHECK);
        noSecretIn(run, stub);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("services")
    void refusedCredentialsExitTwoNamingTheKeysAndNeverTheSecret(String id, String outcome) {
        SmsServiceExtension stub = stub(id);
        stub.failNextSend(SmsFault.unauthorized());

        CliRun run = CliRun.of("send-sms", "--config", config(stub).toString(), "--to", "+15550101234", "--text", "hi");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("sms." + stub.providerId() + ".");
        noSecretIn(run, stub);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("services")
    void invalidNumberExitsOneAsAPermanentFailure(String id, String outcome) {
        SmsServiceExtension stub = stub(id);
        stub.failNextSend(SmsFault.invalidNumber());

        CliRun run = CliRun.of("send-sms", "--config", config(stub).toString(), "--to", "+15550101234", "--text", "hi");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("Delivery failed (permanent)");
        noSecretIn(run, stub);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("services")
    void throttledSendExitsOneAsATransientFailure(String id, String outcome) {
        SmsServiceExtension stub = stub(id);
        stub.failNextSend(SmsFault.throttled("1"));

        CliRun run = CliRun.of("send-sms", "--config", config(stub).toString(), "--to", "+15550101234", "--text", "hi");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("Delivery failed (transient)", "HTTP 429");
    }
}
