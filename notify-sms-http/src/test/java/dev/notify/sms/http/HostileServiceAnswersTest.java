package dev.notify.sms.http;

import static dev.notify.sms.http.StubSenders.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.spi.Delivery;
import dev.notify.testkit.sms.SmsFault;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.testkit.sms.VonageServerExtension;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers, secrets and control characters in services' answers (issue 30, items 1, 10, 11 and 13). */
class HostileServiceAnswersTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();
    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();
    @RegisterExtension
    static final WebhookServerExtension relay = WebhookServerExtension.create();

    @RegisterExtension
    final OpenSenders twilioSenders = new OpenSenders(new TwilioSmsProvider());
    @RegisterExtension
    final OpenSenders webhookSenders = new OpenSenders(new WebhookSmsProvider());

    private static final String TOKEN = WebhookServerExtension.DEFAULT_TOKEN;

    private static SmsMessage sms() {
        return SmsMessage.of("+1 555 010 1234", "Your code is 123456.").withMessageId("<hostile@example.com>");
    }

    private static CheckReport check(Layer layer) {
        try (Notifier notifier = Notifier.builder().settings(Settings.of(layer)).build()) {
            return notifier.global().check(Channel.SMS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1E+2147483647"})
    void aHugeNumberAsTheSidIsKeptAsItsText(String sid) {
        twilio.failNextSend(SmsFault.raw(201, "application/json", "{\"sid\":" + sid + ",\"status\":\"queued\"}"));

        Delivery delivery = twilioSenders.open(layer(twilio)).send(sms());

        assertThat(delivery.messageId()).isEqualTo(sid);
        assertThat(delivery.details()).containsEntry("sms.service-message-id", sid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3503956514", "1E+2147483647", "21211.5"})
    void anErrorCodeOutsideIntIsUnreadableNeverWrappedAround(String code) {
        twilio.failNextSend(SmsFault.raw(400, "application/json", "{\"code\":" + code + ",\"message\":\"m\"}"));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                () -> twilioSenders.open(layer(twilio)).send(sms()));

        assertThat(e.getMessage()).contains("cannot be read").doesNotContain("error -");
    }

    @Test
    void aTenThousandDigitErrorCodeIsUnreadableAndCut() {
        twilio.failNextSend(SmsFault.raw(400, "application/json", "{\"code\":" + "9".repeat(10_000) + "}"));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                () -> twilioSenders.open(layer(twilio)).send(sms()));

        assertThat(e.getMessage()).contains("cannot be read").hasSizeLessThan(600).doesNotContain("error -");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1E+2147483647", "-1e-2147483648"})
    void aHugeBalanceIsUnreadableNotPrinted(String balance) {
        vonage.failNextChecks(1, SmsFault.raw(200, "application/json", "{\"value\":" + balance + "}"));

        CheckReport report = check(vonage.layer());

        assertThat(report.ok()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("cannot be read"));
        assertThat(report.toString()).hasSizeLessThan(2_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 200})
    void theWebhooksBareTokenIsMaskedWhereverTheRelayQuotesIt(int status) {
        String body = "{\"id\":\"echo " + TOKEN + "\",\"error\":\"bad " + TOKEN + "\",\"message\":\"token="
                + TOKEN.replace("-", "\\u002d") + " and " + TOKEN + "\"}";
        relay.failNextSend(SmsFault.raw(status, "application/json", body));

        String shown;
        try {
            Delivery delivery = webhookSenders.open(layer(relay)).send(sms());
            shown = delivery.messageId() + delivery.details();
        } catch (RuntimeException e) {
            shown = e.getMessage() + (e instanceof SettingsException s ? s.problems() : "");
        }

        assertThat(shown).doesNotContain(TOKEN).contains("********");
    }

    @Test
    void aLongLocationIsQuotedOnceAndCut() {
        String location = "https://elsewhere.example/" + "x".repeat(6_000);
        twilio.failNextSend(SmsFault.redirect(302, location));

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> twilioSenders.open(layer(twilio)).send(sms()));

        assertThat(e.getMessage()).contains("redirects to https://elsewhere.example/xxx", "...")
                .doesNotContain("x".repeat(300));
        assertThat(e.problems().stream().filter(p -> p.message().contains("elsewhere.example"))).hasSize(1);
    }

    @Test
    void aLocationTheHttpClientRefusesIsQuotedCutAndWithoutControlCharacters() {
        twilio.failNextSend(SmsFault.redirect(302, "https://elsewhere.example/" + "x".repeat(6_000) + "\u001b[2J"));

        TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                () -> twilioSenders.open(layer(twilio)).send(sms()));

        assertThat(e.getMessage()).hasSizeLessThan(600).doesNotContain("\u001b");
    }

    @Test
    void theAccountsNameIsShownRedactedAndWithoutControlCharacters() {
        String basic = Base64.getEncoder().encodeToString((TwilioServerExtension.DEFAULT_ACCOUNT_SID + ":"
                + TwilioServerExtension.DEFAULT_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        twilio.failNextChecks(1, SmsFault.raw(200, "application/json", "{\"friendly_name\":\"\\u001b[31mBasic "
                + basic + "\\u202e\",\"status\":\"active\",\"type\":\"Full\"}"));

        CheckReport report = check(twilio.layer());

        assertThat(report.item("account.name")).hasValueSatisfying(name -> assertThat(name)
                .doesNotContain(basic, "\u001b", "\u202e").contains("Basic ********"));
    }
}
