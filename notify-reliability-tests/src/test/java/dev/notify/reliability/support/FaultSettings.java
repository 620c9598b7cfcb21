package dev.notify.reliability.support;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSenderProvider;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Settings for the fault scenarios: plain SMTP to a loopback server with AUTH ({@link KnownSecrets}), an app
 * registration with a known client secret, short timeouts and tiny retry delays.
 */
public final class FaultSettings {

    /** email.smtp.connect-timeout of every scenario. */
    public static final int CONNECT_TIMEOUT_MS = 500;
    /** email.smtp.read-timeout of every scenario. */
    public static final int READ_TIMEOUT_MS = 800;
    /** email.retry.max-attempts of every scenario. */
    public static final int MAX_ATTEMPTS = 3;

    private FaultSettings() {
    }

    public static Layer.Builder smtp(int port) {
        return Layer.builder()
                .set(SettingKeys.EMAIL_ENABLED, true)
                .set(SettingKeys.EMAIL_SENDER.name(), "Portal <portal@notify.example>")
                .set(SettingKeys.EMAIL_DELIVERY_METHOD, "smtp")
                .set(SmtpSettingKeys.HOST, "127.0.0.1")
                .set(SmtpSettingKeys.PORT, port)
                .set(SmtpSettingKeys.TLS, TlsMode.NONE)
                .set(SmtpSettingKeys.AUTH_ENABLED, true)
                .set(SmtpSettingKeys.AUTH_USERNAME, KnownSecrets.USER)
                .set(SmtpSettingKeys.AUTH_PASSWORD.name(), KnownSecrets.PASSWORD)
                .set(MicrosoftIdentityKeys.TENANT_ID, "11111111-2222-3333-4444-555555555555")
                .set(MicrosoftIdentityKeys.CLIENT_ID, "66666666-7777-8888-9999-000000000000")
                .set(MicrosoftIdentityKeys.CLIENT_SECRET.name(), KnownSecrets.CLIENT_SECRET)
                .set("email.smtp.connect-timeout", CONNECT_TIMEOUT_MS + "ms")
                .set("email.smtp.read-timeout", READ_TIMEOUT_MS + "ms")
                .set("email.smtp.write-timeout", "1s")
                .set("email.retry.max-attempts", String.valueOf(MAX_ATTEMPTS))
                .set("email.retry.initial-delay", "10ms")
                .set("email.retry.max-delay", "100ms")
                .set("email.retry.max-time", "20s");
    }

    /** The same with implicit TLS, trusting the given store (password "changeit"). */
    public static Layer.Builder smtps(int port, Path trustStore) {
        return smtp(port)
                .set(SmtpSettingKeys.TLS, TlsMode.IMPLICIT)
                .set(SmtpSettingKeys.TRUST_STORE, trustStore)
                .set(SmtpSettingKeys.TRUST_STORE_PASSWORD.name(), "changeit");
    }

    /** A notifier with the smtp provider only, registered explicitly. */
    public static Notifier notifier(Layer layer) {
        return Notifier.builder().settings(Settings.of(layer)).provider(new SmtpSenderProvider())
                .discoverProviders(false).build();
    }

    /** A one-recipient text message with a subject unique in this run. */
    public static EmailMessage message(String... to) {
        return EmailMessage.builder()
                .to(to.length == 0 ? new String[] {"alice@notify.example"} : to)
                .subject("Ticket " + UUID.randomUUID().toString().substring(0, 8))
                .text("Your ticket was updated.")
                .build();
    }
}
