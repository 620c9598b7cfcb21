package dev.notify.sms.http;

import static dev.notify.sms.http.StubSenders.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.PermanentDeliveryException;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.SmsMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.SmsSender;
import dev.notify.testkit.sms.SmsFault;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook: 2xx accepts, 401/403 name the headers, 404 and redirects the URL, 429/5xx are transient, other refusals permanent. */
class WebhookFailuresTest {

    @RegisterExtension
    static final WebhookServerExtension relay = WebhookServerExtension.create();

    @RegisterExtension
    final OpenSenders senders = new OpenSenders(new WebhookSmsProvider());

    private SmsSender sender(String... changes) {
        return senders.open(layer(relay, changes));
    }

    private static SmsMessage sms() {
        return SmsMessage.of("+1 555 010 1234", "Your code is 123456.").withMessageId("<webhook-test@example.com>");
    }

    @Test
    void refusedTokenIsASettingsErrorNamingTheHeadersButNeverTheirValues() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> sender("sms.webhook.headers=Authorization: Bearer not-the-token-42").send(sms()));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("sms.webhook.headers");
        assertThat(e.getMessage()).contains("the SMS webhook localhost refused the credentials (HTTP 401, unauthorized")
                .doesNotContain("not-the-token-42");
    }

    @Test
    void invalidNumberIsPermanentWithTheRelaysWords() {
        relay.failNextSend(SmsFault.invalidNumber());

        PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.getMessage()).contains("HTTP 422, invalid-number: The number", "see what the relay said");
        assertThat(e.replyCode()).hasValue(422);
    }

    @Test
    void relayThatEchoesTheTokenHasItMaskedInTheException() {
        relay.failNextSend(SmsFault.raw(400, "text/plain", "rejected request with Authorization: Bearer "
                + WebhookServerExtension.DEFAULT_TOKEN));

        PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class, () -> sender().send(sms()));

        assertThat(e.getMessage()).contains("(HTTP 400: rejected request with Authorization: ********)")
                .doesNotContain(WebhookServerExtension.DEFAULT_TOKEN);
    }

    @Test
    void throttledAndServerErrorsAreTransient() {
        relay.failNextSend(SmsFault.throttled("5")).failNextSend(SmsFault.serverError(503));
        SmsSender sender = sender();

        TransientDeliveryException throttled = catchThrowableOfType(TransientDeliveryException.class, () -> sender.send(sms()));
        TransientDeliveryException unavailable = catchThrowableOfType(TransientDeliveryException.class,
                () -> sender.send(sms()));

        assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(unavailable.replyCode()).hasValue(503);
    }

    @Test
    void wrongPathIsASettingsErrorNamingTheUrl() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> sender("sms.webhook.url=" + relay.baseUrl() + "/v2/sms", "sms.webhook.headers=Authorization: Bearer "
                        + WebhookServerExtension.DEFAULT_TOKEN).send(sms()));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("sms.webhook.url");
        assertThat(e.getMessage()).contains("has no such endpoint (HTTP 404");
    }

    @Test
    void redirectIsNotFollowedAndNamesTheUrl() {
        relay.failNextSend(SmsFault.raw(301, "text/plain", "moved"));

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> sender().send(sms()));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("sms.webhook.url");
        assertThat(e.getMessage()).contains("HTTP 301", "redirects are not followed");
    }

    @Test
    void emptyAnswerAcceptsWithTheMessageIdSent() {
        relay.failNextSend(SmsFault.raw(204, "text/plain", ""));

        Delivery delivery = sender().send(sms());

        assertThat(delivery.messageId()).isEqualTo("<webhook-test@example.com>");
        assertThat(delivery.details()).doesNotContainKey("sms.service-message-id")
                .containsEntry("sms.outcome", "accepted by the SMS webhook localhost; not yet delivered to the phone");
    }

    @Test
    void senderIsPassedAsFromWhenSet() {
        sender("sms.webhook.from=ACME").send(sms());

        assertThat(relay.messages()).singleElement().satisfies(sms -> assertThat(sms.sender()).contains("ACME"));
    }
}
