package dev.notify.sms.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.settings.Settings;
import dev.notify.sms.passcodes.SmsPasscodes;
import dev.notify.testkit.sms.InfobipServerExtension;
import dev.notify.testkit.sms.SentSms;
import dev.notify.testkit.sms.SmsRequest;
import dev.notify.testkit.sms.SmsServiceExtension;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.testkit.sms.VonageServerExtension;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * notify-sms's passcode helper, unchanged, sends through every HTTP service: each stub receives exactly the request
 * its service documents (method, path, authentication, body fields), and the result names the service's id.
 */
class PasscodesThroughEveryServiceTest {

    private static final String TEXT = "Your passcode is 424242. It expires in 10 min.";

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();
    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();
    @RegisterExtension
    static final InfobipServerExtension infobip = InfobipServerExtension.create();
    @RegisterExtension
    static final WebhookServerExtension webhook = WebhookServerExtension.create();

    private static SendResult sendPasscode(SmsServiceExtension stub) {
        try (Notifier notifier = Notifier.builder().settings(Settings.of(stub.layer())).build()) {
            return SmsPasscodes.of(notifier).sendGlobal("+1 (555) 010-1234", "424242", Duration.ofMinutes(10));
        }
    }

    @Test
    void twilioGetsAFormPostToMessagesJsonWithBasicAuthOfTheAccount() {
        SendResult result = sendPasscode(twilio);

        SentSms sms = twilio.messages().get(0);
        SmsRequest request = sms.request();
        assertThat(twilio.requests()).containsExactly(request);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + TwilioServerExtension.DEFAULT_ACCOUNT_SID
                + "/Messages.json");
        assertThat(request.header("Authorization")).contains(basic(TwilioServerExtension.DEFAULT_ACCOUNT_SID,
                TwilioServerExtension.DEFAULT_AUTH_TOKEN));
        assertThat(request.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-www-form-urlencoded"));
        assertThat(request.parameters()).containsOnlyKeys("To", "Body", "From")
                .containsEntry("To", "+15550101234")
                .containsEntry("Body", TEXT)
                .containsEntry("From", TwilioServerExtension.DEFAULT_FROM);
        assertAccepted(result, sms, "accepted by Twilio (queued); not yet delivered to the phone");
        assertThat(sms.messageId()).startsWith("SM");
    }

    @Test
    void vonageGetsAFormPostToSmsJsonWithTheKeyAndSecretInTheBody() {
        SendResult result = sendPasscode(vonage);

        SentSms sms = vonage.messages().get(0);
        SmsRequest request = sms.request();
        assertThat(vonage.requests()).containsExactly(request);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/sms/json");
        assertThat(request.header("Authorization")).isEmpty();
        assertThat(request.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-www-form-urlencoded"));
        assertThat(request.parameters()).containsOnlyKeys("api_key", "api_secret", "from", "to", "text")
                .containsEntry("api_key", VonageServerExtension.DEFAULT_API_KEY)
                .containsEntry("api_secret", VonageServerExtension.DEFAULT_API_SECRET)
                .containsEntry("from", VonageServerExtension.DEFAULT_FROM)
                .containsEntry("to", "15550101234")
                .containsEntry("text", TEXT);
        assertAccepted(result, sms, "accepted by Vonage; not yet delivered to the phone");
    }

    @Test
    void infobipGetsJsonToTextAdvancedWithAppAuthorization() {
        SendResult result = sendPasscode(infobip);

        SentSms sms = infobip.messages().get(0);
        SmsRequest request = sms.request();
        assertThat(infobip.requests()).containsExactly(request);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/sms/2/text/advanced");
        assertThat(request.header("Authorization")).contains("App " + InfobipServerExtension.DEFAULT_API_KEY);
        assertThat(request.header("Content-Type")).contains("application/json");
        assertThat(request.parameters()).containsOnlyKeys("messages[0].destinations[0].to", "messages[0].from",
                        "messages[0].text")
                .containsEntry("messages[0].destinations[0].to", "15550101234")
                .containsEntry("messages[0].from", InfobipServerExtension.DEFAULT_FROM)
                .containsEntry("messages[0].text", TEXT);
        assertAccepted(result, sms, "accepted by Infobip (PENDING_ACCEPTED); not yet delivered to the phone");
    }

    @Test
    void webhookGetsTheDocumentedJsonWithTheConfiguredHeaders() {
        SendResult result = sendPasscode(webhook);

        SentSms sms = webhook.messages().get(0);
        SmsRequest request = sms.request();
        assertThat(webhook.requests()).containsExactly(request);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(WebhookServerExtension.SEND_PATH);
        assertThat(request.header("Authorization")).contains("Bearer " + WebhookServerExtension.DEFAULT_TOKEN);
        assertThat(request.header("X-Tenant")).contains("portal");
        assertThat(request.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).isEqualToIgnoringCase("application/json; charset=utf-8"));
        assertThat(request.parameters()).containsOnlyKeys("messageId", "to", "text", "encoding", "segments")
                .containsEntry("to", "+15550101234")
                .containsEntry("text", TEXT)
                .containsEntry("encoding", "gsm-7")
                .containsEntry("segments", "1");
        assertThat(request.parameters().get("messageId")).matches("<[0-9a-f]{32}@notify\\.invalid>");
        assertThat(request.body()).startsWith("{\"messageId\":\"<");
        assertAccepted(result, sms, "accepted by the SMS webhook localhost (queued); not yet delivered to the phone");
    }

    private static void assertAccepted(SendResult result, SentSms sms, String outcome) {
        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.accepted()).containsExactly("+15550101234");
        assertThat(result.messageId()).contains(sms.messageId());
        assertThat(result.details())
                .containsEntry("sms.e164", "+15550101234")
                .containsEntry("sms.service-message-id", sms.messageId())
                .containsEntry("sms.segments", "1")
                .containsEntry("sms.encoding", "gsm-7")
                .containsEntry("sms.outcome", outcome);
        assertThat(sms.to()).isEqualTo("+15550101234");
        assertThat(sms.text()).isEqualTo(TEXT);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
