package dev.notify.testkit;

import dev.notify.Notifier;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import java.util.Map;

/** Settings that route email and SMS to the fake providers, without waits between retries. */
final class FakeSettings {

    private FakeSettings() {
    }

    static Settings emailAndSms() {
        return PropertiesFormat.standard().parse(Map.of(
                "email.enabled", "true",
                "email.delivery-method", "fake",
                "email.sender", "Test <noreply@example.com>",
                "email.retry.initial-delay", "0ms",
                "sms.enabled", "true",
                "sms.delivery-method", "fake"));
    }

    /** A notifier whose fakes are found with ServiceLoader. */
    static Notifier discoveredNotifier() {
        return Notifier.builder().settings(emailAndSms()).provider(new FakeEmailProvider()).provider(new FakeSmsProvider()).closeTimeout(java.time.Duration.ofSeconds(5)).build();
    }
}
