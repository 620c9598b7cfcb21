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
import dev.notify.spi.SmsSender;
import dev.notify.testkit.sms.InfobipServerExtension;
import dev.notify.testkit.sms.SmsFault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each Infobip status group and name maps to its class, with the name and what to do. */
class InfobipFailuresTest {

    @RegisterExtension
    static final InfobipServerExtension infobip = InfobipServerExtension.create();

    @RegisterExtension
    final OpenSenders senders = new OpenSenders(new InfobipSmsProvider());

    private SmsSender sender(String... changes) {
        return senders.open(layer(infobip, changes));
    }

    private static SmsMessage sms() {
        return SmsMessage.of("+49 151 23456789", "Ihr Code ist 123456.").withMessageId("<infobip-test@example.com>");
    }

    @ParameterizedTest(name = "[{index}] {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            REJECTED_DESTINATION                | true  | the recipient's number is not valid
            MISSING_TO                          | true  | the recipient's number is not valid
            REJECTED_DND                        | true  | do-not-disturb or opt-out list
            REJECTED_DESTINATION_NOT_REGISTERED | true  | a trial account sends only to its registered numbers
            REJECTED_SENDER                     | false | sms.infobip.from is not a sender the account may use
            REJECTED_NOT_ENOUGH_CREDITS         | false | not enough credit; top it up
            REJECTED_ROUTE_NOT_AVAILABLE        | false | no route to this destination
            REJECTED_SOMETHING_NEW              | false | see Infobip's status codes
            """)
    void rejectedStatusesArePermanentWithTheirNameAndWhatToDo(String name, boolean aboutRecipient, String advice) {
        infobip.failNextSend(SmsFault.error(200, name, "Infobip's words"));

        PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.getMessage()).startsWith("Infobip refused the SMS (HTTP 200, " + name
                + " (group REJECTED, id 14): Infobip's words): ").contains(advice);
        assertThat(e.rejectedRecipients()).extracting(RejectedRecipient::address)
                .containsExactlyElementsOf(aboutRecipient ? List.of("+4915123456789") : List.of());
    }

    @Test
    void systemErrorStatusIsTransient() {
        infobip.failNextSend(SmsFault.error(200, "REJECTED_SYSTEM_ERROR", "System error"));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.getMessage()).contains("REJECTED_SYSTEM_ERROR", "Infobip had a system error");
    }

    @Test
    void refusedKeyIsASettingsErrorNamingTheBaseUrlAndKeyButNeverTheKey() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> sender("sms.infobip.api-key=not-the-key-123").send(sms()));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("sms.infobip.base-url", "sms.infobip.api-key");
        assertThat(e.getMessage()).contains("Infobip refused the credentials (HTTP 401, UNAUTHORIZED: Invalid login details)")
                .doesNotContain("not-the-key-123");
    }

    @Test
    void badRequestIsPermanentWithInfobipsWords() {
        infobip.failNextSend(SmsFault.error(400, "BAD_REQUEST", "Invalid destination format"));

        PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.getMessage()).contains("HTTP 400, BAD_REQUEST: Invalid destination format");
    }

    @Test
    void throttledIsTransientWithRetryAfter() {
        infobip.failNextSend(SmsFault.throttled(Duration.ofSeconds(11)));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(11));
        assertThat(e.getMessage()).contains("HTTP 429, TOO_MANY_REQUESTS");
    }

    @Test
    void senderIsLeftOutWhenNotSet() {
        sender("sms.infobip.from=").send(sms());

        assertThat(infobip.messages()).singleElement()
                .satisfies(sms -> assertThat(sms.request().parameters()).doesNotContainKey("messages[0].from"));
    }
}
