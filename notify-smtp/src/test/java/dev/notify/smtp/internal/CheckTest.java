package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.CheckReport;
import dev.notify.Problem;
import dev.notify.settings.Layer;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The connectivity check: what it reports, and that failures are reported rather than thrown. */
class CheckTest {

    @Test
    void checkAgainstStartTlsServerReportsGreetingExtensionsTlsAndAuthWithoutSendingMail() {
        try (SmtpServerExtension smtp = SmtpServerExtension.startTls().withUser("portal", "ch3ck-secret").start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            CheckReport report = sender.check();

            assertThat(report.ok()).as(report.toString()).isTrue();
            assertThat(report.item("server")).contains("127.0.0.1:" + smtp.port());
            assertThat(report.item("greeting")).hasValueSatisfying(g -> assertThat(g).startsWith("220"));
            assertThat(report.item("starttls.offered")).contains("true");
            assertThat(report.item("extensions")).hasValueSatisfying(e -> assertThat(e).contains("AUTH"));
            assertThat(report.item("tls.protocol")).hasValueSatisfying(p -> assertThat(p).isIn("TLSv1.3", "TLSv1.2"));
            assertThat(report.item("tls.cipher")).hasValueSatisfying(c -> assertThat(c).startsWith("TLS_"));
            assertThat(report.item("tls.certificate.subject")).hasValueSatisfying(s -> assertThat(s).contains("CN=localhost"));
            assertThat(report.item("tls.certificate.expires")).hasValueSatisfying(
                    e -> assertThat(Instant.parse(e)).isAfter(Instant.now()));
            assertThat(report.item("auth")).contains("authenticated as portal with PLAIN");
            assertThat(report.toString()).doesNotContain("ch3ck-secret");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void wrongPasswordIsAFailedCheckNamingTheSettingsNotAnException() {
        try (SmtpServerExtension smtp = SmtpServerExtension.startTls().withUser("portal", "right-secret").start();
                SmtpSender sender = TestSettings.sender(Layer.builder(smtp.layer())
                        .set(SmtpSettingKeys.AUTH_PASSWORD.name(), "Wr0ng-ch3ck").build())) {
            CheckReport report = sender.check();

            assertThat(report.ok()).isFalse();
            assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f)
                    .contains("email.smtp.auth.username").contains("authentication failed for user portal"));
            assertThat(report.settingsProblems()).extracting(Problem::key).containsExactly("email.smtp.auth.username");
            assertThat(report.item("auth")).contains("failed");
            assertThat(report.item("tls.protocol")).isPresent();
            assertThat(report.toString()).doesNotContain("Wr0ng-ch3ck");
        }
    }

    @Test
    void missingStartTlsIsAFailedCheckNamingTheTlsKey() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().start();
                SmtpSender sender = TestSettings.sender(Layer.builder(smtp.layer())
                        .set(SmtpSettingKeys.TLS, TlsMode.STARTTLS).build())) {
            CheckReport report = sender.check();

            assertThat(report.ok()).isFalse();
            assertThat(report.item("starttls.offered")).contains("false");
            assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("email.smtp.tls")
                    .contains("does not offer STARTTLS"));
        }
    }
}
