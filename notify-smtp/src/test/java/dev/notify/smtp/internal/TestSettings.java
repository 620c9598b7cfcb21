package dev.notify.smtp.internal;

import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;
import java.time.Clock;

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
        return SmtpSender.create(resolve(layer), Clock.systemUTC(), SenderOptions.defaults());
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
