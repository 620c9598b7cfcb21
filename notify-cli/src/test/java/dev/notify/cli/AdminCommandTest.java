package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandTest {

    @TempDir
    Path dir;


    @Test
    void servesThePageOnLoopbackToTheHolderOfThePrintedTokenOnlyUntilInterrupted() throws Exception {
        Path config = CliRun.writeConfig(dir, "email.enabled=true", "email.delivery-method=smtp",
                "email.sender=Support <support@example.com>", "email.smtp.host=mail.example.com",
                "servers.eu-1.email.smtp.port=2525");
        Announced out = new Announced();
        StringWriter err = new StringWriter();
        Thread[] runner = new Thread[1];
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        runner[0] = new Thread(() -> exit.complete(NotifyCli.run(new String[] {"admin", "--config", config.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true))));
        runner[0].start();
        assertThat(out.printed.await(30, TimeUnit.SECONDS)).as("the address is printed").isTrue();
        Matcher printed = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)\\?token=([A-Za-z0-9_-]{43})")
                .matcher(out.toString());
        assertThat(printed.find()).as(out.toString()).isTrue();
        URI root = URI.create(printed.group(1));
        String token = printed.group(2);

        assertThat(get(root, null).statusCode()).as("no token").isEqualTo(401);
        assertThat(get(root.resolve("?token=wrong"), null).statusCode()).as("a wrong token").isEqualTo(401);
        assertThat(get(root.resolve("servers/eu-1"), "notify-admin-token=" + token.substring(1) + "x").statusCode())
                .isEqualTo(401);

        Response opened = get(root.resolve("?token=" + token), null);
        assertThat(opened.statusCode()).isEqualTo(303);
        assertThat(opened.location()).isEqualTo("/");
        String cookie = opened.cookie();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict");

        Response page = get(root.resolve("servers/eu-1"), cookie.substring(0, cookie.indexOf(';')));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-key=\"servers.eu-1.email.smtp.port\"", "value=\"2525\"")
                .doesNotContain(token);
        assertThat(out.toString() + err).containsOnlyOnce(token);

        runner[0].interrupt();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains("Stopped.");
    }

    private record Response(int statusCode, String location, String cookie, String body) {
    }

    /** The JDK's HttpURLConnection (java.base: the CLI module reads no other HTTP client), no redirects followed. */
    private static Response get(URI uri, String cookie) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);
        if (cookie != null) {
            connection.setRequestProperty("Cookie", cookie);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, connection.getHeaderField("Location"), connection.getHeaderField("Set-Cookie"),
                    body);
        } finally {
            connection.disconnect();
        }
    }

    /** Collects the command's output and tells once the address has been printed. */
    private static final class Announced extends Writer {
        final CountDownLatch printed = new CountDownLatch(1);
        private final StringBuffer text = new StringBuffer();

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            if (text.indexOf("?token=") >= 0 && text.indexOf("\n", text.indexOf("?token=")) >= 0) {
                printed.countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
