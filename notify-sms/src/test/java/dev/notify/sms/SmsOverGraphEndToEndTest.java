package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.EmailAddress;
import dev.notify.message.SmsMessage;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.graph.GraphServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A passcode SMS through the gateway, over the Graph provider (the test kit's Graph stub on loopback). */
class SmsOverGraphEndToEndTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void gatewayMailGoesThroughGraphAsPlainTextToTheGatewayAddress() {
        Layer settings = Layer.builder(graph.layer())
                .set("sms.enabled", "true")
                .set("sms.email-gateway.sender", "sms-sender@contoso.example")
                .set("sms.email-gateway.destination-domain", "sms.example.net")
                .build();

        try (Notifier notifier = Notifier.builder().settings(Settings.of(settings)).build()) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("+44 20 7946 0958",
                    "Your passcode is 482913. It expires in 5 min."));

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.details()).containsEntry("sms.gateway-address", "442079460958@sms.example.net")
                    .containsEntry("email.graph.mailbox", "sms-sender@contoso.example");
        }
        EmailMessage sent = graph.messages().get(0);
        assertThat(sent.to()).extracting(EmailAddress::address).containsExactly("442079460958@sms.example.net");
        assertThat(sent.from()).map(EmailAddress::address).contains("sms-sender@contoso.example");
        assertThat(sent.html()).isEmpty();
        assertThat(sent.text()).contains("Your passcode is 482913. It expires in 5 min.");
    }
}
