package dev.notify.sms.http;

import static dev.notify.sms.http.StubSenders.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.PermanentDeliveryException;
import dev.notify.Problem;
import dev.notify.RejectedRecipient;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.SmsMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.SmsSender;
import dev.notify.testkit.sms.SmsFault;
import dev.notify.testkit.sms.VonageServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each Vonage status maps to its class, also under HTTP 200, with the status and what to do; UCS-2 texts go as
 * {@code type=unicode}; a text of several segments is accepted with every part's id.
 */
class VonageFailuresTest {

    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();

    @RegisterExtension
    final OpenSenders senders = new OpenSenders(new VonageSmsProvider());

    private SmsSender sender(String... changes) {
        return senders.open(layer(vonage, changes));
    }

    private static SmsMessage sms(String text) {
        return SmsMessage.of("+44 7700 900123", text).withMessageId("<vonage-test@example.com>");
    }

    @ParameterizedTest(name = "[{index}] status {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            3  | true  | Invalid Parameters: check the recipient's number and sms.vonage.from
            6  | true  | Vonage cannot route to this number
            7  | true  | Number Barred
            29 | true  | the account is in demo mode and sends only to its test numbers
            33 | true  | Number De-activated
            9  | false | not enough credit; top it up
            15 | false | Invalid Sender Address: sms.vonage.from may not send to this destination
            8  | false | the Vonage account is suspended
            """)
    void refusingStatusesUnderHttp200ArePermanentWithTheStatusAndWhatToDo(String status, boolean aboutRecipient,
            String advice) {
        vonage.failNextSend(SmsFault.error(200, status, "Vonage's words for " + status));

        PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class,
                () -> sender().send(sms("hello")));

        assertThat(e.getMessage()).startsWith("Vonage refused the SMS (HTTP 200, status " + status
                + ": Vonage's words for " + status + "): ").contains(advice);
        assertThat(e.rejectedRecipients()).extracting(RejectedRecipient::address)
                .containsExactlyElementsOf(aboutRecipient ? java.util.List.of("+447700900123") : java.util.List.of());
    }

    @ParameterizedTest
    @CsvSource({"1, Throttled", "5, Internal Error", "10, Too Many Existing Binds"})
    void temporaryStatusesUnderHttp200AreTransient(String status, String meaning) {
        vonage.failNextSend(SmsFault.error(200, status, meaning));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                () -> sender().send(sms("hello")));

        assertThat(e.getMessage()).contains("Vonage could not take the SMS now (HTTP 200, status " + status, meaning);
    }

    @Test
    void badCredentialsStatusIsASettingsErrorNamingTheKeyAndSecretButNeverTheSecret() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> sender("sms.vonage.api-secret=not-the-secret").send(sms("hello")));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("sms.vonage.api-key", "sms.vonage.api-secret");
        assertThat(e.getMessage()).contains("Vonage refused the credentials (HTTP 200, status 4: Bad Credentials)")
                .doesNotContain("not-the-secret");
    }

    @Test
    void http401IsASettingsErrorToo() {
        vonage.failNextSend(SmsFault.unauthorized());

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> sender().send(sms("hello")));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("sms.vonage.api-key", "sms.vonage.api-secret");
        assertThat(e.getMessage()).contains("HTTP 401");
    }

    @Test
    void http429IsTransientWithRetryAfter() {
        vonage.failNextSend(SmsFault.throttled(Duration.ofSeconds(2)));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                () -> sender().send(sms("hello")));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void ucs2TextIsSentAsUnicodeAndGsm7TextWithoutAType() {
        SmsSender sender = sender();

        sender.send(sms("Grüße aus Köln"));
        sender.send(sms("Привет, код 1234"));

        assertThat(vonage.messages()).extracting(m -> m.request().parameters().get("type"))
                .containsExactly(null, "unicode");
    }

    @Test
    void textOfSeveralSegmentsIsAcceptedWithEveryPartsId() {
        Delivery delivery = sender("sms.max-segments=3").send(sms("z".repeat(400)));

        assertThat(delivery.messageId().split(",")).hasSize(3);
        assertThat(delivery.details()).containsEntry("sms.segments", "3")
                .containsEntry("sms.service-message-id", delivery.messageId());
        assertThat(vonage.messages()).singleElement().satisfies(sms -> assertThat(sms.messageId())
                .isEqualTo(delivery.messageId()));
    }

    @Test
    void numericSenderGoesWithoutItsPlus() {
        sender("sms.vonage.from=+447700900999").send(sms("hello"));

        assertThat(vonage.messages()).singleElement()
                .satisfies(sms -> assertThat(sms.request().parameters()).containsEntry("from", "447700900999"));
    }
}
