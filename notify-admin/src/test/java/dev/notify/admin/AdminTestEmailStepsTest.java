package dev.notify.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.settings.Secret;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test Email shows, beside the send's result, the connection steps the SMTP provider's check finds (greeting,
 * extensions, the AUTH mechanism; STARTTLS and TLS where used), escaped and without the credentials.
 */
class AdminTestEmailStepsTest {

    private static final String PASSWORD = "Steps-Pa55-" + Long.toHexString(System.nanoTime());

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain().withUser("app", PASSWORD)
            .withFault(SmtpFault.rcpt("nobody@example.com").reply(550, "5.1.1 <nobody@example.com> no such user"));

    @TempDir
    Path dir;

    private AdminHarness admin;

    @AfterEach
    void stop() {
        admin.close();
    }

    @BeforeEach
    void start() throws Exception {
        admin = new AdminHarness(dir);
        admin.apply(c -> {
            smtp.properties().forEach((key, value) -> {
                if (key.endsWith("password")) {
                    c.setSecret(key, Secret.of(value));
                } else {
                    c.set(key, value);
                }
            });
            return c;
        });
    }

    @Test
    void testEmailShowsTheConnectionStepsWithoutTheCredentials() throws Exception {
        Map<String, String> form = AdminHarness.form(admin.get("/", "alice").body());
        form.put("test-recipient", "ops@example.com");

        HttpResponse<String> response = admin.post("/test-email", "alice", form);

        String body = response.body();
        assertThat(body).contains("<h2 class=\"ok\">Test Email: Accepted</h2>", "<h3>Connection steps (smtp, ",
                "<ol class=\"steps\">", "<li>server: ", "<li>greeting: 220 ", "<li>extensions: ",
                "<li>auth: authenticated as app with ");
        assertThat(body.indexOf("Connection steps")).as("after the result").isGreaterThan(body.indexOf("Accepted"));
        String plain = Base64.getEncoder().encodeToString(("\0app\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String login = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(body).doesNotContain(PASSWORD).doesNotContain(plain).doesNotContain(login);
    }

    @Test
    void aRefusedRecipientShowsTheRefusalThenTheSteps() throws Exception {
        Map<String, String> form = AdminHarness.form(admin.get("/", "alice").body());
        form.put("test-recipient", "nobody@example.com");

        String body = admin.post("/test-email", "alice", form).body();

        assertThat(body).contains("class=\"failed\"", "550", "&lt;nobody@example.com&gt; no such user",
                "Connection steps", "<li>auth: authenticated as app with ");
        assertThat(body).doesNotContain(PASSWORD);
    }
}
