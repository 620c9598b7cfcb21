package dev.notify.benchmarks.contenders;

import dev.notify.Notifier;
import dev.notify.benchmarks.harness.Mail;
import dev.notify.benchmarks.harness.Target;
import dev.notify.settings.Layer;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSenderProvider;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;

/** The settings an application would give notify for the sink: a global layer and one server's layer. */
final class NotifySettings {

    static final String SERVER = "bench-1";

    private NotifySettings() {
    }

    static Notifier notifier(Target target, int threads, int queue) {
        Layer global = Layer.builder()
                .set(SettingKeys.EMAIL_ENABLED, true)
                .set("email.sender", Mail.FROM)
                .build();
        Layer.Builder server = Layer.builder()
                .set(SmtpSettingKeys.HOST, target.host())
                .set(SmtpSettingKeys.PORT, target.port())
                .set(SmtpSettingKeys.POOL_MAX_CONNECTIONS, Math.max(threads, 1));
        if (target.secure()) {
            server.set(SmtpSettingKeys.TLS, TlsMode.STARTTLS)
                    .set(SmtpSettingKeys.TRUST_STORE, target.sink().trustStore())
                    .set(SmtpSettingKeys.TRUST_STORE_PASSWORD, Secret.of(target.sink().trustStorePassword()))
                    .set(SmtpSettingKeys.AUTH_ENABLED, true)
                    .set(SmtpSettingKeys.AUTH_USERNAME, target.username())
                    .set(SmtpSettingKeys.AUTH_PASSWORD, Secret.of(target.password()));
        } else {
            server.set(SmtpSettingKeys.TLS, TlsMode.NONE);
        }
        Settings settings = Settings.builder().global(global).server(SERVER, server.build()).build();
        return Notifier.builder()
                .settings(settings)
                .provider(new SmtpSenderProvider())
                .asyncThreads(threads)
                .asyncQueueCapacity(queue)
                .build();
    }
}
