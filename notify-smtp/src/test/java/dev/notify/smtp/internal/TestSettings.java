package dev.notify.smtp.internal;

import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;
import dev.notify.spi.SenderContext;
import dev.notify.testkit.time.ManualScheduler;
import java.time.Clock;
import java.time.Instant;

/** Settings and messages shared by the tests. */
final class TestSettings {

    private TestSettings() {
    }

    /** Plain SMTP to a scripted server on loopback, with short timeouts. */
    static Layer.Builder scripted(int port) {
        return Layer.builder()
                .set(SettingKeys.EMAIL_ENABLED, true)
                .set(SettingKeys.EMAIL_SENDER.name(), "Portal <portal@notify.example>")
                .set(SmtpSettingKeys.HOST, "127.0.0.1")
                .set(SmtpSettingKeys.PORT, port)
                .set(SmtpSettingKeys.TLS, TlsMode.NONE)
                .set("email.smtp.connect-timeout", "2s")
                .set("email.smtp.read-timeout", "2s");
    }

    static ResolvedSettings resolve(Layer layer) {
        return Settings.of(layer).resolveGlobal().requireValid();
    }

    static SmtpSender sender(Layer layer) {
        return SmtpSender.create(context(resolve(layer)), SenderOptions.defaults());
    }

    /**
     * The system clock and a scheduler of the test's own that runs nothing unless advanced: a sender's pool keeps
     * its idle connections until the sender is closed.
     */
    static SenderContext context(ResolvedSettings settings) {
        return new SenderContext(settings, Clock.systemUTC(), ManualScheduler.startingAt(Instant.EPOCH));
    }

    static EmailMessage message(String... to) {
        return EmailMessage.builder()
                .from("Portal <portal@notify.example>")
                .to(to.length == 0 ? new String[] {"alice@notify.example"} : to)
                .subject("Your ticket")
                .text("Hello")
                .messageId("<ticket-1@notify.example>")
                .build();
    }
}
