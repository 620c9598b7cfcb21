package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.testkit.smtp.SmtpServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Jakarta Mail's protocol trace, when turned on, shows the conversation but never the credentials. */
class DebugOutputTest {

    private static final String USER = "portal";
    private static final String PASSWORD = "d3bug-S3cret!";

    @Test
    void debugOutputShowsTheProtocolButNotTheCredentials() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withUser(USER, PASSWORD).start();
                PrintStream debug = new PrintStream(captured, true, StandardCharsets.UTF_8);
                SmtpSender sender = SmtpSender.create(TestSettings.context(TestSettings.resolve(smtp.layer())),
                        SenderOptions.defaults().withDebugOut(debug))) {
            sender.send(TestSettings.message());
            sender.check();
        }
        String trace = captured.toString(StandardCharsets.UTF_8);

        assertThat(trace).contains("MAIL FROM:<portal@notify.example>").contains("RCPT TO:<alice@notify.example>");
        assertThat(trace).contains("AUTH");
        assertThat(trace).doesNotContain(PASSWORD)
                .doesNotContain(base64("\0" + USER + "\0" + PASSWORD))
                .doesNotContain(base64(PASSWORD))
                .doesNotContain(base64(USER + "\0" + PASSWORD).substring(0, 12));
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
