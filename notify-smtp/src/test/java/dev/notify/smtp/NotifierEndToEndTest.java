package dev.notify.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.EmailMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole path: properties text, a notifier that finds the provider with ServiceLoader, a real server. */
class NotifierEndToEndTest {

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.implicitTls().withUser("portal", "e2e-s3cret");

    @Test
    void emailConfiguredInPropertiesReachesTheServer() {
        Settings settings = PropertiesFormat.standard().parse(Map.of(
                "email.enabled", "true",
                "email.sender", "Ticket Portal <portal@notify.example>",
                "servers.eu-1.email.smtp.host", smtp.host(),
                "servers.eu-1.email.smtp.port", String.valueOf(smtp.port()),
                "servers.eu-1.email.smtp.tls", "implicit",
                "servers.eu-1.email.smtp.trust-store", smtp.layer().get(
                        SmtpSettingKeys.TRUST_STORE).orElseThrow().toString(),
                "servers.eu-1.email.smtp.trust-store-password", "changeit",
                "servers.eu-1.email.smtp.auth.enabled", "true",
                "servers.eu-1.email.smtp.auth.username", "portal",
                "servers.eu-1.email.smtp.auth.password", "e2e-s3cret"));
        try (Notifier notifier = Notifier.builder().settings(settings).build()) {
            SendResult result = notifier.server("eu-1").sendEmail(EmailMessage.builder()
                    .to("Zoë <zoe@notify.example>")
                    .subject("Welcome to the portal")
                    .text("Hello Zoë")
                    .html("<p>Hello Zoë</p>")
                    .build());
            CheckReport check = notifier.server("eu-1").check();

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.providerId()).contains("smtp");
            assertThat(result.accepted()).containsExactly("zoe@notify.example");
            assertThat(check.ok()).as(check.toString()).isTrue();
        }
        List<EmailMessage> received = smtp.awaitMessages(1, Duration.ofSeconds(5));
        EmailMessage mail = received.get(0);
        assertThat(mail.from()).hasValueSatisfying(f -> assertThat(f.toString())
                .isEqualTo("Ticket Portal <portal@notify.example>"));
        assertThat(mail.to()).extracting(Object::toString).containsExactly("Zoë <zoe@notify.example>");
        assertThat(mail.subject()).isEqualTo("Welcome to the portal");
        assertThat(mail.text()).contains("Hello Zoë");
        assertThat(mail.html()).contains("<p>Hello Zoë</p>");
        assertThat(mail.messageId()).hasValueSatisfying(id -> assertThat(id).endsWith("@notify.example>"));
    }
}
