package dev.notify.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SendRejectedException;
import dev.notify.SendResult;
import dev.notify.SettingsException;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.ResolvedSettings;
import dev.notify.sms.SmsGatewayProvider;
import dev.notify.spi.SenderContext;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Outbox;
import dev.notify.testkit.time.ManualScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySenderTest {

    private static ResolvedSettings settings(Map<String, String> properties) {
        return PropertiesFormat.standard().parse(properties).resolve("eu-1");
    }

    private static SenderContext context(ResolvedSettings settings) {
        return new SenderContext(settings, Clock.systemUTC(), ManualScheduler.startingAt(Instant.now()));
    }

    private static GatewaySender sender(ResolvedSettings resolved, Outbox outbox) {
        return new GatewaySender("email-gateway", context(resolved), new FakeEmailProvider(outbox).create(context(resolved)));
    }

    private static final Map<String, String> GATEWAY = Map.of(
            "email.enabled", "true", "email.delivery-method", "fake", "email.sender", "app@notify.example",
            "sms.enabled", "true", "sms.email-gateway.sender", "sms@example.com",
            "sms.email-gateway.destination-domain", "sms.example.net");

    @Test
    void checkReportsTheGatewaySettingsAndTheEmailDeliveryCheck() {
        Outbox outbox = new Outbox();
        GatewaySender sender = sender(settings(GATEWAY), outbox);

        CheckReport report = sender.check();

        assertThat(report.ok()).isTrue();
        assertThat(report.providerId()).isEqualTo("email-gateway");
        assertThat(report.item("sms.email-gateway.destination-domain")).contains("sms.example.net");
        assertThat(report.item("sms.email-gateway.recipient-format")).contains("e164-digits");
        assertThat(report.item("email.outbox")).isPresent();
        assertThat(outbox.isEmpty()).isTrue();
    }

    @Test
    void gatewayMailTakesTheMessageIdInTheDomainOfItsOwnFrom() {
        Outbox outbox = new Outbox();
        GatewaySender sender = sender(settings(GATEWAY), outbox);

        sender.send(SmsMessage.of("+15550101234", "code").withMessageId("<a1b2c3@notify.example>"));

        assertThat(outbox.emails()).singleElement().satisfies(mail -> {
            assertThat(mail.from()).map(Object::toString).hasValueSatisfying(f -> assertThat(f).contains("sms@example.com"));
            assertThat(mail.messageId()).contains("<a1b2c3@example.com>");
        });
    }

    @Test
    void smsSentThroughTheNotifierGoesOutWithAMessageIdInTheDomainOfSmsSenderNotOfEmailSender() {
        Outbox outbox = new Outbox();
        try (Notifier notifier = Notifier.builder().settings(PropertiesFormat.standard().parse(GATEWAY))
                .provider(new SmsGatewayProvider()).provider(new FakeEmailProvider(outbox))
                .discoverProviders(false).build()) {

            SendResult result = notifier.global().sendSms(SmsMessage.of("+1 555 010 1234", "code"));

            assertThat(outbox.emails()).singleElement().extracting(EmailMessage::messageId)
                    .satisfies(id -> assertThat(id.orElseThrow()).matches("<[0-9a-f]{32}@example\\.com>"));
            assertThat(result.messageId()).hasValueSatisfying(id -> assertThat(id).endsWith("@example.com>"));
        }
    }

    @Test
    void gatewayWithEmailDisabledIsASettingsErrorNamingEmailEnabled() {
        Map<String, String> properties = new HashMap<>(GATEWAY);
        properties.put("email.enabled", "false");
        try (Notifier notifier = Notifier.builder().settings(PropertiesFormat.standard().parse(properties))
                .provider(new SmsGatewayProvider()).provider(new FakeEmailProvider()).discoverProviders(false).build()) {

            assertThatThrownBy(() -> notifier.global().sendSms(SmsMessage.of("+1 555 010 1234", "code")))
                    .isInstanceOf(SettingsException.class).hasMessageContaining("email.enabled=false");
        }
    }

    @Test
    void missingGatewaySettingsAreNamedWithTheirFullKeys() {
        ResolvedSettings resolved = settings(Map.of("email.enabled", "true"));

        assertThatThrownBy(() -> new GatewaySender("email-gateway", context(resolved),
                new FakeEmailProvider().create(context(resolved))))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .extracting(Problem::key)
                        .containsExactly("servers.eu-1.sms.email-gateway.sender", "servers.eu-1.sms.email-gateway.destination-domain"));
    }

    @Test
    void closedSenderRefusesToSend() {
        Outbox outbox = new Outbox();
        GatewaySender sender = sender(settings(GATEWAY), outbox);

        sender.close();

        assertThatThrownBy(() -> sender.send(SmsMessage.of("+15550101234", "late")))
                .isInstanceOf(SendRejectedException.class);
        assertThat(outbox.isEmpty()).isTrue();
    }
}
