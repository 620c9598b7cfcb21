package dev.notify.sms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.CheckReport;
import dev.notify.Problem;
import dev.notify.SendRejectedException;
import dev.notify.SettingsException;
import dev.notify.message.SmsMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.ResolvedSettings;
import dev.notify.spi.SenderContext;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Outbox;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySenderTest {

    private static ResolvedSettings settings(Map<String, String> properties) {
        return PropertiesFormat.standard().parse(properties).resolve("eu-1");
    }

    private static final CarrierGateways CARRIERS = new CarrierGateways(Clock.systemUTC());

    private static final Map<String, String> GATEWAY = Map.of(
            "email.enabled", "true", "email.delivery-method", "fake", "email.sender", "app@example.com",
            "sms.enabled", "true", "sms.email-gateway.sender", "sms@example.com", "sms.email-gateway.destination-domain", "sms.example.net");

    @Test
    void checkReportsTheGatewaySettingsAndTheEmailDeliveryCheck() {
        Outbox outbox = new Outbox();
        ResolvedSettings resolved = settings(GATEWAY);
        GatewaySender sender = new GatewaySender("email-gateway", new SenderContext(resolved,
                () -> new FakeEmailProvider(outbox).create(new SenderContext(resolved, () -> null))), CARRIERS);

        CheckReport report = sender.check();

        assertThat(report.ok()).isTrue();
        assertThat(report.providerId()).isEqualTo("email-gateway");
        assertThat(report.item("sms.email-gateway.destination-domain")).contains("sms.example.net");
        assertThat(report.item("sms.email-gateway.recipient-format")).contains("e164-digits");
        assertThat(report.item("email.outbox")).isPresent();
        assertThat(outbox.isEmpty()).isTrue();
    }

    @Test
    void checkWithoutEmailSenderReportsAFailureInsteadOfThrowing() {
        GatewaySender sender = new GatewaySender("email-gateway", new SenderContext(settings(GATEWAY), () -> {
            throw new IllegalStateException("email is disabled for these settings");
        }), CARRIERS);

        CheckReport report = sender.check();

        assertThat(report.ok()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("email is disabled"));
    }

    @Test
    void missingGatewaySettingsAreNamedWithTheirFullKeys() {
        ResolvedSettings resolved = settings(Map.of("email.enabled", "true"));

        assertThatThrownBy(() -> new GatewaySender("email-gateway", new SenderContext(resolved, () -> null), CARRIERS))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .extracting(Problem::key)
                        .containsExactly("servers.eu-1.sms.email-gateway.sender", "servers.eu-1.sms.email-gateway.destination-domain"));
    }

    @Test
    void closedSenderRefusesToSend() {
        Outbox outbox = new Outbox();
        ResolvedSettings resolved = settings(GATEWAY);
        GatewaySender sender = new GatewaySender("email-gateway", new SenderContext(resolved,
                () -> new FakeEmailProvider(outbox).create(new SenderContext(resolved, () -> null))), CARRIERS);

        sender.close();

        assertThatThrownBy(() -> sender.send(SmsMessage.of("+15550101234", "late")))
                .isInstanceOf(SendRejectedException.class);
        assertThat(outbox.isEmpty()).isTrue();
    }
}
