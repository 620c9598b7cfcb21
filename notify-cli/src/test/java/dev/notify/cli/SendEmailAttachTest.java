package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SendEmailAttachTest {

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain();

    @TempDir
    Path dir;

    private Path config() {
        return CliRun.writeConfig(dir, "email.enabled=true", "email.sender=support@example.com",
                "email.smtp.host=127.0.0.1", "email.smtp.port=" + smtp.port(), "email.smtp.tls=none",
                "email.retry.initial-delay=10ms");
    }

    @Test
    void attachedFilesAreSentWithTheTypeOfTheirNameOrTheTypeGiven() throws IOException {
        Path csv = Files.writeString(dir.resolve("report.csv"), "a,b\n1,2\n");
        Path data = Files.write(dir.resolve("export.dat"), new byte[] {1, 2, 3});

        CliRun run = CliRun.of("send-email", "--config", config().toString(), "--to", "alice@example.com",
                "--subject", "Reports", "--text", "attached", "--attach", csv.toString(),
                "--attach", data + ";type=application/x-export");

        assertThat(run.exitCode()).as(run.all()).isZero();
        EmailMessage received = smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(received.attachments()).extracting(Attachment::fileName, Attachment::contentType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("report.csv", "text/csv"),
                        org.assertj.core.groups.Tuple.tuple("export.dat", "application/x-export"));
        assertThat(new String(received.attachments().get(0).content(), StandardCharsets.UTF_8).replace("\r\n", "\n"))
                .isEqualTo("a,b\n1,2\n");
        assertThat(received.attachments().get(1).content()).containsExactly(1, 2, 3);
    }

    @Test
    void missingFileIsAUsageErrorNamingTheOptionAndSendsNothing() {
        CliRun run = CliRun.of("send-email", "--config", config().toString(), "--to", "alice@example.com",
                "--subject", "Reports", "--text", "attached", "--attach", dir.resolve("gone.pdf").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--attach", "gone.pdf", "not a readable file");
        assertThat(smtp.messages()).isEmpty();
    }
}
