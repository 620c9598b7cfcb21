package dev.notify.reliability.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.NotifyException;
import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.SendResult;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.SmsMessage;
import dev.notify.reliability.support.KnownSecrets;
import dev.notify.reliability.support.SecretScan;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.sms.InfobipServerExtension;
import dev.notify.testkit.sms.SmsFault;
import dev.notify.testkit.sms.SmsServiceExtension;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.testkit.sms.VonageServerExtension;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP SMS providers' paths that handle credentials, for every service, under the {@link SecretScan} (DEBUG logs,
 * exceptions with their causes and stacks, results, reports, settings): an accepted send, refused credentials on a
 * send and on a check, a refusal, throttling retried by the notifier, an unreadable answer, and a relay that echoes
 * its token back. Neither the stubs' credentials nor {@link KnownSecrets#SMS_SECRET}, in any form they are sent in,
 * may appear.
 */
class SmsServiceSecretsTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();
    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();
    @RegisterExtension
    static final InfobipServerExtension infobip = InfobipServerExtension.create();
    @RegisterExtension
    static final WebhookServerExtension webhook = WebhookServerExtension.create();

    /** The key of each service that carries its secret, set to the known wrong one. */
    private static final Map<String, String> WRONG = Map.of(
            "twilio", "sms.twilio.auth-token=" + KnownSecrets.SMS_SECRET,
            "vonage", "sms.vonage.api-secret=" + KnownSecrets.SMS_SECRET,
            "infobip", "sms.infobip.api-key=" + KnownSecrets.SMS_SECRET,
            "webhook", "sms.webhook.headers=Authorization: Bearer " + KnownSecrets.SMS_SECRET);

    @RegisterExtension
    final SecretScan scan = new SecretScan();

    private static SmsServiceExtension stub(String id) {
        return Stream.of(twilio, vonage, infobip, webhook).filter(s -> s.providerId().equals(id)).findFirst().orElseThrow();
    }

    private static Layer layer(String id, String... changes) {
        Layer.Builder layer = Layer.builder(stub(id).layer()).set("sms.retry.initial-delay", "0s");
        for (String change : changes) {
            int eq = change.indexOf('=');
            layer.set(change.substring(0, eq), change.substring(eq + 1));
        }
        return layer.build();
    }

    private Object send(Layer layer, String number) {
        try (Notifier notifier = Notifier.builder().settings(Settings.of(layer)).build()) {
            return scan.scan(notifier.global().sendSms(SmsMessage.of(number, "Your code is 123456.")));
        } catch (NotifyException e) {
            return scan.scan(e);
        }
    }

    private CheckReport check(Layer layer) {
        try (Notifier notifier = Notifier.builder().settings(Settings.of(layer)).build()) {
            return scan.scan(notifier.global().check(Channel.SMS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "vonage", "infobip", "webhook"})
    void acceptedSendAndPassingCheckShowNoCredential(String id) {
        Object sent = send(layer(id), "+15550101234");
        CheckReport report = check(layer(id));

        assertThat(sent).isInstanceOf(SendResult.class);
        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(scan.notifyEvents()).as("notify logged at DEBUG").isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "vonage", "infobip", "webhook"})
    void refusedCredentialsOnASendAndACheckNameTheKeysButNotTheSecret(String id) {
        Object sent = send(layer(id, WRONG.get(id)), "+15550101234");
        CheckReport report = check(layer(id, WRONG.get(id)));

        assertThat(sent).isInstanceOf(SettingsException.class);
        assertThat(((SettingsException) sent).getMessage()).contains("sms." + id + ".");
        if (!id.equals("webhook")) {
            assertThat(report.settingsProblems()).as("the relay's health URL needs no token; the others refuse it: "
                    + report).isNotEmpty();
        }
        assertThat(stub(id).messages()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "vonage", "infobip", "webhook"})
    void refusalsThrottlingAndUnreadableAnswersShowNoCredential(String id) {
        SmsServiceExtension stub = stub(id);
        stub.failNextSend(SmsFault.invalidNumber());
        Object refused = send(layer(id), "+15550101234");
        stub.failNextSend(SmsFault.throttled("0"));
        Object retried = send(layer(id), "+15550101234");
        stub.failNextSend(SmsFault.raw(502, "text/html", "<html>Bad gateway</html>"));
        Object unreadable = send(layer(id, "sms.retry.max-attempts=1"), "+15550101234");

        assertThat(refused).isInstanceOf(PermanentDeliveryException.class);
        assertThat(retried).isInstanceOfSatisfying(SendResult.class, r -> assertThat(r.attempts()).isEqualTo(2));
        assertThat(unreadable).isInstanceOf(TransientDeliveryException.class);
    }

    @Test
    void relayEchoingItsRequestHasTheTokenMasked() {
        webhook.failNextSend(SmsFault.raw(400, "text/plain", "refused; headers were Authorization: Bearer "
                + WebhookServerExtension.DEFAULT_TOKEN + " and X-Tenant: portal"));

        Object refused = send(layer("webhook"), "+15550101234");

        assertThat(refused).isInstanceOfSatisfying(PermanentDeliveryException.class,
                e -> assertThat(e.getMessage()).contains("Authorization: ********"));
    }

    @Test
    void settingsPrintedForAnAdminPageMaskEverySmsSecret() {
        for (String id : WRONG.keySet()) {
            Settings settings = Settings.of(layer(id, WRONG.get(id)));

            scan.scan(settings);
            scan.scan(settings.resolveGlobal());
            scan.scan(settings.resolveGlobal().values());
        }

        assertThat(scan.scanned()).isEqualTo(12);
    }
}
