package dev.notify.sms;

import dev.notify.Notifier;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import dev.notify.testkit.FakeEmailProvider;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Notifiers whose SMS go through the gateway provider and whose email goes to the test kit's fake outbox. */
final class GatewayNotifiers {

    static final String GATEWAY_DOMAIN = "sms.example.net";
    static final String SMS_SENDER = "sms-sender@notify.example.com";

    private GatewayNotifiers() {
    }

    /** Email to the fake provider and SMS enabled, without the gateway's own keys. */
    static Map<String, String> emailAndSmsEnabled() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("email.enabled", "true");
        properties.put("email.delivery-method", "fake");
        properties.put("email.sender", "App <app@notify.example.com>");
        properties.put("sms.enabled", "true");
        return properties;
    }

    /** Email to the fake provider, SMS enabled through the gateway, plus {@code extra} properties. */
    static Settings settings(Map<String, String> extra) {
        Map<String, String> properties = emailAndSmsEnabled();
        properties.put("sms.email-gateway.sender", SMS_SENDER);
        properties.put("sms.email-gateway.destination-domain", GATEWAY_DOMAIN);
        properties.putAll(extra);
        return PropertiesFormat.standard().parse(properties);
    }

    static Notifier notifier(Map<String, String> extra) {
        return notifier(extra, Clock.systemUTC());
    }

    /** The same, with a notifier whose clock, which its providers read the date from, is {@code clock}. */
    static Notifier notifier(Map<String, String> extra, Clock clock) {
        return Notifier.builder().settings(settings(extra)).provider(new SmsGatewayProvider())
                .provider(new FakeEmailProvider()).clock(clock).build();
    }
}
