package dev.notify.sms.http;

import static dev.notify.sms.http.StubSenders.layer;
import static dev.notify.sms.http.StubSenders.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.Problem;
import dev.notify.RejectedRecipient;
import dev.notify.SendResult;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.spi.Delivery;
import dev.notify.spi.SmsSender;
import dev.notify.testkit.sms.SmsFault;
import dev.notify.testkit.sms.SmsRequest;
import dev.notify.testkit.sms.TwilioServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each failure Twilio documents maps to its class, with Twilio's code and what to do; no secret is shown. */
class TwilioFailuresTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final TwilioSmsProvider provider = new TwilioSmsProvider();
    @RegisterExtension
    final OpenSenders senders = new OpenSenders(provider, Clock.fixed(NOW, ZoneOffset.UTC));

    private SmsSender sender(String... changes) {
        return senders.open(layer(twilio, changes));
    }

    private static SmsMessage sms() {
        return SmsMessage.of("+1 555 010 1234", "Your code is 123456.").withMessageId("<twilio-test@example.com>");
    }

    @Test
    void throttledWithRetryAfterSecondsIsTransientAndCarriesTheDelay() {
        twilio.failNextSend(SmsFault.throttled(Duration.ofSeconds(7)));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.replyCode()).hasValue(429);
        assertThat(e.getMessage()).contains("Twilio could not take the SMS now (HTTP 429, error 20429: Too Many Requests)");
    }

    @Test
    void throttledWithAnHttpDateIsTransientWithTheDelayUntilThatDateOnTheProvidersClock() {
        twilio.failNextSend(SmsFault.throttled("Tue, 01 Jan 2030 00:00:45 GMT"));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(45));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreTransient(int status) {
        twilio.failNextSend(SmsFault.serverError(status));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.replyCode()).hasValue(status);
        assertThat(e.getMessage()).contains("HTTP " + status, "a later attempt may succeed");
        assertThat(twilio.messages()).isEmpty();
    }

    @Test
    void refusedCredentialsAreASettingsErrorNamingTheAccountSidAndTokenButNeverTheToken() {
        twilio.failNextSend(SmsFault.unauthorized());

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> sender().send(sms()));

        assertThat(e.problems()).extracting(Problem::key)
                .containsExactly("sms.twilio.account-sid", "sms.twilio.auth-token");
        assertThat(e.getMessage()).contains("Twilio refused the credentials (HTTP 401, error 20003: Authenticate)")
                .doesNotContain(TwilioServerExtension.DEFAULT_AUTH_TOKEN);
    }

    @Test
    void forbiddenIsASettingsErrorToo() {
        twilio.failNextSend(SmsFault.error(403, "20008", "Resource not accessible with Test Account Credentials"));

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> sender().send(sms()));

        assertThat(e.problems()).extracting(Problem::key)
                .containsExactly("sms.twilio.account-sid", "sms.twilio.auth-token");
        assertThat(e.getMessage()).contains("HTTP 403, error 20008");
    }

    @Test
    void aServersWrongTokenIsNamedWithThatServersKey() {
        Layer global = twilio.layer();
        Settings settings = Settings.builder().global(global)
                .server("eu-1", Layer.builder().set("sms.twilio.account-sid", TwilioServerExtension.DEFAULT_ACCOUNT_SID)
                        .set("sms.twilio.auth-token", "not-the-token").build())
                .build();
        try (Notifier notifier = Notifier.builder().settings(settings).build()) {
            SettingsException e = catchThrowableOfType(SettingsException.class,
                    () -> notifier.server("eu-1").sendSms(SmsMessage.of("+15550101234", "hello")));

            assertThat(e.problems()).extracting(Problem::key)
                    .containsExactly("servers.eu-1.sms.twilio.account-sid", "servers.eu-1.sms.twilio.auth-token");
            assertThat(e.getMessage()).doesNotContain("not-the-token");
            assertThat(twilio.requests(SmsRequest.Endpoint.SEND)).hasSize(1);
        }
    }

    @Test
    void apiKeyAuthenticatesWithTheKeySidAsTheUser() {
        SmsSender apiKey = sender("sms.twilio.auth-token=", "sms.twilio.api-key-sid=" + TwilioServerExtension.DEFAULT_API_KEY_SID,
                "sms.twilio.api-key-secret=" + TwilioServerExtension.DEFAULT_API_KEY_SECRET);

        apiKey.send(sms());

        assertThat(twilio.messages()).singleElement().satisfies(sms -> assertThat(sms.request().header("Authorization"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Basic ")));
    }

    @Test
    void refusedApiKeyNamesTheApiKeysAndTheAccount() {
        SmsSender apiKey = sender("sms.twilio.auth-token=", "sms.twilio.api-key-sid=" + TwilioServerExtension.DEFAULT_API_KEY_SID,
                "sms.twilio.api-key-secret=wrong-secret");

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> apiKey.send(sms()));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("sms.twilio.account-sid",
                "sms.twilio.api-key-sid", "sms.twilio.api-key-secret");
        assertThat(e.getMessage()).doesNotContain("wrong-secret");
    }

    @ParameterizedTest(name = "[{index}] error {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            21211 | true  | not a valid phone number; correct the recipient's number
            21614 | true  | not a mobile number (a landline?)
            21610 | true  | replied STOP to this sender and has unsubscribed
            21608 | true  | sends only to verified numbers
            21408 | false | Messaging > Settings > Geo permissions
            21606 | false | sms.twilio.from is not an SMS-capable number of this account
            30007 | false | register the sender (A2P 10DLC or toll-free verification)
            """)
    void documentedErrorsArePermanentWithTwiliosCodeAndWhatToDo(int code, boolean aboutRecipient, String advice) {
        twilio.failNextSend(SmsFault.error(400, Integer.toString(code), "Twilio's words for " + code));

        PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.getMessage()).startsWith("Twilio refused the SMS (HTTP 400, error " + code + ": Twilio's words for "
                + code + "): ").contains(advice);
        assertThat(e.replyCode()).hasValue(400);
        if (aboutRecipient) {
            assertThat(e.rejectedRecipients()).extracting(RejectedRecipient::address).containsExactly("+15550101234");
        } else {
            assertThat(e.rejectedRecipients()).isEmpty();
        }
    }

    @Test
    void unknownErrorCodeIsPermanentAndPointsAtTwiliosPageForIt() {
        twilio.failNextSend(SmsFault.error(400, "21999", "Something new"));

        PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.getMessage()).contains("error 21999: Something new", "https://www.twilio.com/docs/api/errors/21999");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201})
    void successThatCannotBeReadIsAcceptedWithItsIdUnknownAndNotSentAgain(int status) {
        twilio.failNextSend(SmsFault.raw(status, "text/html", "<html>proxy page</html>"));

        Delivery delivery = sender().send(sms());

        assertThat(delivery.messageId()).isEqualTo("<twilio-test@example.com>");
        assertThat(delivery.details()).doesNotContainKey("sms.service-message-id");
        assertThat(delivery.details().get("sms.outcome")).contains("HTTP " + status, "id for the SMS is unknown",
                "not sent again");
        assertThat(twilio.requests(SmsRequest.Endpoint.SEND)).hasSize(1);
    }

    @Test
    void createdWithStatusFailedIsAPermanentFailureWithTwiliosErrorCode() {
        twilio.failNextSend(SmsFault.raw(201, "application/json",
                "{\"sid\":\"SM123\",\"status\":\"failed\",\"error_code\":30007,\"error_message\":\"Carrier violation\"}"));

        PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.getMessage()).contains("HTTP 201, status failed, error 30007: Carrier violation",
                "carriers filtered the message as spam");
    }

    @ParameterizedTest
    @ValueSource(ints = {400})
    void answerThatCannotBeReadIsTransientWithTheFirst200CharactersOfTheBody(int status) {
        String page = "<html><body>" + "a".repeat(188) + "TAIL-AFTER-200</body></html>";
        twilio.failNextSend(SmsFault.raw(status, "text/html", page));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.getMessage()).contains("Twilio answered HTTP " + status + " with something that cannot be read",
                page.substring(0, 200) + "...").doesNotContain("TAIL-AFTER-200");
    }

    @Test
    void connectionRefusedIsTransientAndSaysNothingWasSent() {
        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                () -> sender("sms.twilio.base-url=https://127.0.0.1:" + StubSenders.closedPort()).send(sms()));

        assertThat(e.getMessage()).contains("could not connect to Twilio at 127.0.0.1:", "nothing was sent");
    }

    @Test
    void noAnswerWithinTheRequestTimeoutIsTransientAndNamesTheKey() {
        twilio.failNextSend(SmsFault.slow(Duration.ofSeconds(3)));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                () -> sender("sms.twilio.request-timeout=300ms").send(sms()));

        assertThat(e.getMessage()).contains("did not answer within 300ms (sms.twilio.request-timeout)",
                "may or may not have been accepted");
    }

    @Test
    void wrongBaseUrlIsASettingsErrorNamingTheBaseUrlAndTheAccount() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> sender("sms.twilio.base-url=" + twilio.baseUrl() + "/twilio").send(sms()));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("sms.twilio.base-url", "sms.twilio.account-sid");
        assertThat(e.getMessage()).contains("Twilio has no such endpoint (HTTP 404");
    }

    @Test
    void certificateThatCannotBeVerifiedIsASettingsErrorNamingTheTrustStoreKey() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> sender("sms.twilio.trust-store=", "sms.twilio.trust-store-password=").send(sms()));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("sms.twilio.base-url");
        assertThat(e.getMessage()).contains("the TLS certificate of localhost:", "cannot be verified",
                "set sms.twilio.trust-store");
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void messagingServiceSidIsSentInsteadOfFrom() {
        String service = "MG" + "0123456789abcdef".repeat(2);

        sender("sms.twilio.from=", "sms.twilio.messaging-service-sid=" + service).send(sms());

        assertThat(twilio.messages()).singleElement().satisfies(sms -> assertThat(sms.request().parameters())
                .containsEntry("MessagingServiceSid", service).doesNotContainKey("From"));
    }

    @Test
    void notifierWaitsAtLeastWhatRetryAfterAsksThenDeliversOnce() {
        twilio.failNextSend(SmsFault.throttled(Duration.ofSeconds(3)));
        RecordingScheduler scheduler = new RecordingScheduler();
        try (Notifier notifier = Notifier.builder().settings(Settings.of(twilio.layer())).scheduler(scheduler).build()) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("+15550101234", "after a 429"));

            assertThat(result.attempts()).isEqualTo(2);
            assertThat(scheduler.waits).containsExactly(Duration.ofSeconds(3));
            assertThat(twilio.requests(SmsRequest.Endpoint.SEND)).hasSize(2);
            assertThat(twilio.messages()).hasSize(1);
        }
    }

    @Test
    void permanentRefusalIsNotRetriedByTheNotifier() {
        twilio.failNextSend(SmsFault.invalidNumber());
        try (Notifier notifier = Notifier.builder().settings(Settings.of(twilio.layer())).build()) {
            PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class,
                    () -> notifier.global().sendSms(SmsMessage.of("+15550101234", "once")));

            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.providerId()).contains("twilio");
            assertThat(twilio.requests(SmsRequest.Endpoint.SEND)).hasSize(1);
            assertThat(e.getMessage()).contains("error 21211");
        }
    }
}
