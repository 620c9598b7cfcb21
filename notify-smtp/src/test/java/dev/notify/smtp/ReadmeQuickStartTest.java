package dev.notify.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.message.EmailMessage;
import dev.notify.settings.FileSettingsSource;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start, run against a real SMTP server; the README's snippet must stay a copy of it. */
class ReadmeQuickStartTest {

    private static final Path README = Path.of("..", "README.md");

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain();

    @TempDir
    Path dir;

    @Test
    void quickStartSendsAnEmailWithTheServersSettings() throws IOException {
        Path file = dir.resolve("notify.properties");
        Files.writeString(file, String.join("\n",
                "email.enabled=true",
                "email.sender=Customer Service <support@example.com>",
                "email.smtp.host=127.0.0.1",
                "email.smtp.port=" + smtp.port(),
                "email.smtp.tls=none",
                "servers.eu-1.email.sender=EU Portal <portal-eu@example.com>"));

        quickStart(file);

        EmailMessage received = smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(received.subject()).isEqualTo("Your report is ready");
        assertThat(received.from().orElseThrow().address()).isEqualTo("portal-eu@example.com");
    }

    @Test
    void readmeShowsThisSnippet() throws IOException {
        Matcher m = Pattern.compile("## Quick start.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        assertThat(m.find()).as("a java block under '## Quick start' in README.md").isTrue();
        String test = Files.readString(Path.of("src/test/java/dev/notify/smtp/ReadmeQuickStartTest.java"));

        assertThat(normalize(test)).contains(normalize(m.group(1)));
    }

    private static void quickStart(Path settingsFile) {
        try (Notifier notifier = Notifier.builder().settings(FileSettingsSource.of(settingsFile)).build()) {
            SendResult result = notifier.server("eu-1").sendEmail(EmailMessage.builder()
                    .to("alice@example.com")
                    .subject("Your report is ready")
                    .text("Download it from the portal.")
                    .build());
            System.out.println(result.status() + " " + result.messageId().orElse(""));
        }
    }

    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("Path settingsFile"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
