package dev.notify.sample;

import static dev.notify.testkit.assertions.NotifyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.Attachment;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Outbox;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The welcome email through notify-smtp to an embedded SMTP server with STARTTLS and AUTH; SMS to the fake. */
class WelcomeServiceSmtpTest {

    private static final NewUser ALICE = new NewUser("Alice", "alice@example.com", "+1 555 010 1234");

    // snippet: smtp
    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.startTls().withUser("app", "s3cret");

    @Test
    void welcomeEmailArrivesAtTheMailServer() {
        Layer settings = Layer.builder(smtp.layer())
                .set("sms.enabled", "true")
                .set("sms.delivery-method", "fake")
                .build();
        try (Notifier notifier = Notifier.builder().settings(Settings.of(settings)).provider(new FakeSmsProvider())
                .build()) {
            new WelcomeService(notifier).welcome("eu-1", ALICE);

            assertThat(Outbox.of(notifier)).hasSentSmsTo("+15550101234");
        }

        EmailMessage received = smtp.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(received.to()).containsExactly(EmailAddress.parse("alice@example.com"));
        assertThat(received.subject()).isEqualTo("Welcome to eu-1, Alice");
        assertThat(received.attachments()).extracting(Attachment::fileName).containsExactly("getting-started.pdf");
    }
    // end-snippet
}
