package dev.notify.sms.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.sms.InfobipServerExtension;
import dev.notify.testkit.sms.SentSms;
import dev.notify.testkit.sms.SmsServiceExtension;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.testkit.sms.VonageServerExtension;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server's override switches it to another service while the others keep theirs, also after a settings change. */
class ServerOverridesTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();
    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();
    @RegisterExtension
    static final InfobipServerExtension infobip = InfobipServerExtension.create();
    @RegisterExtension
    static final WebhookServerExtension webhook = WebhookServerExtension.create();

    /** A server layer with a stub's service keys (not sms.enabled, which it inherits). */
    private static Layer serverUsing(SmsServiceExtension stub) {
        Layer.Builder layer = Layer.builder();
        stub.properties().forEach((key, value) -> {
            if (!key.equals("sms.enabled")) {
                layer.set(key, value);
            }
        });
        return layer.build();
    }

    @Test
    void eachServerSendsThroughItsOwnServiceAndTheOthersKeepTheGlobalOne() {
        Settings settings = Settings.builder()
                .global(twilio.layer())
                .server("us-1", Layer.builder().build())
                .server("eu-1", serverUsing(vonage))
                .server("de-1", serverUsing(infobip))
                .server("onprem", serverUsing(webhook))
                .build();
        try (Notifier notifier = Notifier.builder().settings(settings).build()) {
            Map<String, SendResult> results = Map.of(
                    "global", notifier.global().sendSms(SmsMessage.of("+15550100001", "global")),
                    "us-1", notifier.server("us-1").sendSms(SmsMessage.of("+15550100002", "us-1")),
                    "eu-1", notifier.server("eu-1").sendSms(SmsMessage.of("+447700900003", "eu-1")),
                    "de-1", notifier.server("de-1").sendSms(SmsMessage.of("+4915123456704", "de-1")),
                    "onprem", notifier.server("onprem").sendSms(SmsMessage.of("+15550100005", "onprem")));

            assertThat(twilio.messages()).extracting(SentSms::text).containsExactlyInAnyOrder("global", "us-1");
            assertThat(vonage.messages()).extracting(SentSms::text).containsExactly("eu-1");
            assertThat(infobip.messages()).extracting(SentSms::text).containsExactly("de-1");
            assertThat(webhook.messages()).extracting(SentSms::text).containsExactly("onprem");
            assertThat(results).hasEntrySatisfying("us-1", r -> assertThat(r.providerId()).contains("twilio"))
                    .hasEntrySatisfying("eu-1", r -> assertThat(r.providerId()).contains("vonage"))
                    .hasEntrySatisfying("de-1", r -> assertThat(r.providerId()).contains("infobip"))
                    .hasEntrySatisfying("onprem", r -> assertThat(r.providerId()).contains("webhook"));
        }
    }

    @Test
    void serverThatOverridesOnlyTheUrlOfAWebhookNeverGetsTheGlobalToken() {
        Settings settings = Settings.builder()
                .global(webhook.layer())
                .server("elsewhere", Layer.builder().set("sms.webhook.url", webhook.baseUrl() + "/v1/sms").build())
                .build();
        try (Notifier notifier = Notifier.builder().settings(settings).build()) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> notifier.server("elsewhere").sendSms(SmsMessage.of("+15550100006", "no token")));

            assertThat(thrown).isInstanceOf(dev.notify.SettingsException.class)
                    .hasMessageContaining("servers.elsewhere.sms.webhook.headers");
            assertThat(webhook.requests()).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isEmpty());
        }
    }
}
