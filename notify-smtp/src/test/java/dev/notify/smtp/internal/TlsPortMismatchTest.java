package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSenderProvider;
import dev.notify.testkit.smtp.SmtpServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A TLS mode that does not match the port: implicit TLS against a port that greets in plain text, or a plain or
 * STARTTLS client against an implicit-TLS port. Each is a settings error naming the TLS mode and the port, found on
 * the first connection and never retried.
 */
class TlsPortMismatchTest {

    private static final EmailMessage MESSAGE = EmailMessage.builder().to("alice@notify.example")
            .subject("Hello").text("Hello").build();

    /** Settings with the server's keys under servers.eu-1, so that the full keys show in the problem. */
    private static Settings onServerEu1(Layer serverLayer) {
        Layer global = Layer.builder()
                .set(SettingKeys.EMAIL_ENABLED, true)
                .set(SettingKeys.EMAIL_SENDER.name(), SmtpServerExtension.SENDER)
                .set("email.retry.max-attempts", "3")
                .set("email.retry.initial-delay", "10ms")
                .build();
        return Settings.builder().global(global).server("eu-1", Layer.builder(serverLayer)
                .unset(SettingKeys.EMAIL_ENABLED).unset(SettingKeys.EMAIL_SENDER)
                .set("email.smtp.read-timeout", "1s").build()).build();
    }

    private static SettingsException sendThroughNotifier(Settings settings) {
        try (Notifier notifier = Notifier.builder().settings(settings).provider(new SmtpSenderProvider())
                .discoverProviders(false).build()) {
            return assertThrows(SettingsException.class,
                    () -> notifier.server("eu-1").sendEmail(MESSAGE));
        }
    }

    @Test
    void implicitTlsAgainstAPlainPortIsASettingsErrorNamingTlsAndPortAfterOneConnection() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().start()) {
            Settings settings = onServerEu1(Layer.builder(smtp.layer()).set("email.smtp.tls", "implicit").build());

            SettingsException e = sendThroughNotifier(settings);

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("servers.eu-1.email.smtp.tls");
                assertThat(p.message()).contains("answered the TLS handshake in plain text")
                        .contains("servers.eu-1.email.smtp.tls=implicit")
                        .contains("servers.eu-1.email.smtp.port");
            });
            assertThat(smtp.connections()).isEqualTo(1);
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "none"})
    void plainOrStartTlsAgainstAnImplicitTlsPortIsASettingsErrorNamingTlsAndPortAfterOneConnection(String mode) {
        try (SmtpServerExtension smtp = SmtpServerExtension.implicitTls().start()) {
            Settings settings = onServerEu1(Layer.builder(smtp.layer()).set("email.smtp.tls", mode).build());

            SettingsException e = sendThroughNotifier(settings);

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("servers.eu-1.email.smtp.tls");
                assertThat(p.message()).contains("sent no SMTP greeting within 1000 ms but answered a TLS handshake")
                        .contains("servers.eu-1.email.smtp.tls=" + mode)
                        .contains("servers.eu-1.email.smtp.port");
            });
            assertThat(smtp.connections()).isEqualTo(1);
        }
    }

    @Test
    void checkReportsTheSameSentenceAsTheSend() {
        try (SmtpServerExtension smtp = SmtpServerExtension.implicitTls().start();
                SmtpSender sender = TestSettings.sender(Layer.builder(smtp.layer())
                        .set("email.smtp.tls", "starttls").set("email.smtp.read-timeout", "1s").build())) {
            Problem problem = assertThrows(SettingsException.class,
                    () -> sender.send(TestSettings.message())).problems().get(0);

            CheckReport report = sender.check();

            assertThat(report.ok()).isFalse();
            assertThat(report.failure()).contains(problem.toString());
            assertThat(problem.toString()).contains("email.smtp.tls").contains("email.smtp.port");
        }
    }

    @Test
    void checkOfImplicitTlsAgainstAPlainPortNamesTlsAndPort() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().start();
                SmtpSender sender = TestSettings.sender(Layer.builder(smtp.layer())
                        .set("email.smtp.tls", "implicit").build())) {
            CheckReport report = sender.check();

            assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f)
                    .startsWith("email.smtp.tls: the server at 127.0.0.1:" + smtp.port()
                            + " answered the TLS handshake in plain text")
                    .contains("email.smtp.port"));
        }
    }
}
