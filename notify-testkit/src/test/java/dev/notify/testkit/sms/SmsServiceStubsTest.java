package dev.notify.testkit.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service stubs answer as their services do, with the credentials they expect, and inject the faults asked for. */
class SmsServiceStubsTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();
    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();
    @RegisterExtension
    static final InfobipServerExtension infobip = InfobipServerExtension.create();
    @RegisterExtension
    static final WebhookServerExtension webhook = WebhookServerExtension.create();

    private static HttpResponse<String> post(SmsServiceExtension stub, String path, String contentType, String body,
            String... headers) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(stub.sslContext()).connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> twilioSend(String token, String... fields) throws Exception {
        return post(twilio, "/2010-04-01/Accounts/" + TwilioServerExtension.DEFAULT_ACCOUNT_SID + "/Messages.json",
                "application/x-www-form-urlencoded", form(fields), "Authorization",
                basic(TwilioServerExtension.DEFAULT_ACCOUNT_SID, token));
    }

    @Test
    void propertiesPointAtTheStubAndTrustItsCertificate() {
        assertThat(twilio.properties())
                .containsEntry("sms.enabled", "true")
                .containsEntry("sms.delivery-method", "twilio")
                .containsEntry("sms.twilio.base-url", twilio.baseUrl().toString())
                .containsEntry("sms.twilio.trust-store", twilio.trustStorePath().toString());
        assertThat(webhook.properties()).containsEntry("sms.webhook.url", webhook.baseUrl() + "/v1/sms");
        assertThat(twilio.baseUrl().getHost()).isEqualTo("localhost");
    }

    @Test
    void twilioAcceptsAMessageAndRecordsItDecoded() throws Exception {
        HttpResponse<String> response = twilioSend(TwilioServerExtension.DEFAULT_AUTH_TOKEN,
                "To", "+15550101234", "Body", "hello", "From", "+15005550006");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"status\":\"queued\"", "\"sid\":\"SM");
        assertThat(twilio.messages()).singleElement().satisfies(sms -> {
            assertThat(sms.to()).isEqualTo("+15550101234");
            assertThat(sms.text()).isEqualTo("hello");
            assertThat(sms.sender()).contains("+15005550006");
            assertThat(response.body()).contains(sms.messageId());
            assertThat(sms.request().endpoint()).isEqualTo(SmsRequest.Endpoint.SEND);
        });
    }

    @Test
    void twilioRefusesAsTwilioDoes() throws Exception {
        assertThat(twilioSend("wrong", "To", "+15550101234", "Body", "x", "From", "+1").body()).contains("\"code\":20003");
        assertThat(twilioSend(TwilioServerExtension.DEFAULT_AUTH_TOKEN, "To", "+15550101234", "From", "+1").body())
                .contains("\"code\":21602");
        assertThat(twilioSend(TwilioServerExtension.DEFAULT_AUTH_TOKEN, "To", "555", "Body", "x", "From", "+1").body())
                .contains("\"code\":21211");
        assertThat(twilio.messages()).isEmpty();
        assertThat(twilio.requests()).hasSize(3);
    }

    @Test
    void queuedFaultsAnswerTheNextSendsInOrderThenTheServiceAcceptsAgain() throws Exception {
        twilio.failNextSend(SmsFault.throttled(Duration.ofSeconds(9))).failNextSend(SmsFault.serverError(503));

        HttpResponse<String> first = twilioSend(TwilioServerExtension.DEFAULT_AUTH_TOKEN, "To", "+15550101234", "Body", "a",
                "From", "+1");
        HttpResponse<String> second = twilioSend(TwilioServerExtension.DEFAULT_AUTH_TOKEN, "To", "+15550101234", "Body",
                "b", "From", "+1");
        HttpResponse<String> third = twilioSend(TwilioServerExtension.DEFAULT_AUTH_TOKEN, "To", "+15550101234", "Body", "c",
                "From", "+1");

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("9");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(201);
        assertThat(twilio.messages()).extracting(SentSms::text).containsExactly("c");
    }

    @Test
    void slowFaultAnswersOnlyAfterItsDelay() {
        twilio.failNextSend(SmsFault.slow(Duration.ofSeconds(2)));
        HttpClient client = HttpClient.newBuilder().sslContext(twilio.sslContext()).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/"
                        + TwilioServerExtension.DEFAULT_ACCOUNT_SID + "/Messages.json"))
                .timeout(Duration.ofMillis(200))
                .header("Authorization", basic(TwilioServerExtension.DEFAULT_ACCOUNT_SID,
                        TwilioServerExtension.DEFAULT_AUTH_TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("To", "+15550101234", "Body", "slow", "From", "+1")))
                .build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void vonageRefusesWrongCredentialsUnderHttp200AndAnswersOneIdPerSegment() throws Exception {
        HttpResponse<String> refused = post(vonage, "/sms/json", "application/x-www-form-urlencoded",
                form("api_key", VonageServerExtension.DEFAULT_API_KEY, "api_secret", "wrong", "from", "N", "to",
                        "447700900123", "text", "x"));
        HttpResponse<String> accepted = post(vonage, "/sms/json", "application/x-www-form-urlencoded",
                form("api_key", VonageServerExtension.DEFAULT_API_KEY, "api_secret",
                        VonageServerExtension.DEFAULT_API_SECRET, "from", "N", "to", "447700900123", "text",
                        "x".repeat(200)));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("\"status\":\"4\"");
        assertThat(accepted.body()).contains("\"message-count\":\"2\"");
        assertThat(vonage.messages()).singleElement().satisfies(sms -> {
            assertThat(sms.to()).isEqualTo("+447700900123");
            assertThat(sms.messageId().split(",")).hasSize(2);
        });
    }

    @Test
    void infobipWantsItsAppKeyAndDecodesTheJsonFields() throws Exception {
        String body = "{\"messages\":[{\"destinations\":[{\"to\":\"4915123456789\"}],\"from\":\"ACME\",\"text\":\"Hallo\"}]}";
        HttpResponse<String> refused = post(infobip, "/sms/2/text/advanced", "application/json", body,
                "Authorization", "App wrong");
        HttpResponse<String> accepted = post(infobip, "/sms/2/text/advanced", "application/json", body,
                "Authorization", "App " + InfobipServerExtension.DEFAULT_API_KEY);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("UNAUTHORIZED");
        assertThat(accepted.body()).contains("PENDING_ACCEPTED");
        assertThat(infobip.messages()).singleElement().satisfies(sms -> {
            assertThat(sms.to()).isEqualTo("+4915123456789");
            assertThat(sms.sender()).contains("ACME");
            assertThat(sms.request().parameters()).containsEntry("messages[0].text", "Hallo");
        });
    }

    @Test
    void webhookWantsTheBearerTokenAndRefusesNumbersThatAreNotE164() throws Exception {
        String token = "Bearer " + WebhookServerExtension.DEFAULT_TOKEN;
        HttpResponse<String> noToken = post(webhook, "/v1/sms", "application/json", "{\"to\":\"+15550101234\",\"text\":\"x\"}");
        HttpResponse<String> national = post(webhook, "/v1/sms", "application/json", "{\"to\":\"5550101234\",\"text\":\"x\"}",
                "Authorization", token);
        HttpResponse<String> accepted = post(webhook, "/v1/sms", "application/json",
                "{\"to\":\"+15550101234\",\"text\":\"x\"}", "Authorization", token);

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(national.statusCode()).isEqualTo(422);
        assertThat(national.body()).contains("invalid-number");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(webhook.messages()).hasSize(1);
    }

    @Test
    void requestToAnUnknownPathIsAnsweredNotFoundAndRecorded() throws Exception {
        HttpResponse<String> response = post(webhook, "/v2/sms", "application/json", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(webhook.requests(SmsRequest.Endpoint.UNKNOWN)).singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/v2/sms"));
    }

    @Test
    void recordedRequestsNeverPrintCredentials() throws Exception {
        twilioSend(TwilioServerExtension.DEFAULT_AUTH_TOKEN, "To", "+15550101234", "Body", "hello", "From", "+1");

        assertThat(twilio.requests().get(0).toString()).doesNotContain(TwilioServerExtension.DEFAULT_AUTH_TOKEN)
                .doesNotContain("Basic ");
    }
}
