package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged {@code target/notify.jar} as a separate process, the way the README tells people to. */
class NotifyJarIT {

    private static final Path JAR = Path.of("target", "notify.jar");

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar notify.jar " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void jarPrintsItsVersion() throws Exception {
        assertThat(JAR).exists();

        Result result = run("--version");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsPattern("notify \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void jarRunsTheDemo() throws Exception {
        Result result = run("demo");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("The SMTP server received 2 message(s):")
                .contains("subject: notify test email for server eu-1")
                .contains("to:      15550101234@sms.example.net");
    }

    @Test
    void jarFindsEveryProviderThroughServiceLoader() throws Exception {
        Path config = Files.createTempFile("notify", ".properties");
        Files.writeString(config, "email.enabled=true\nemail.sender=a@example.com\nemail.delivery-method=nope\n");

        Result result = run("resolve", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("installed: graph (dev.notify:notify-graph), smtp (dev.notify:notify-smtp)");
    }

    @Test
    void jarFindsEverySmsProviderThroughServiceLoader() throws Exception {
        Path config = Files.createTempFile("notify", ".properties");
        Files.writeString(config, "sms.enabled=true\nsms.delivery-method=nope\n");

        Result result = run("resolve", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("installed: email-gateway (dev.notify:notify-sms), infobip (dev.notify:notify-sms-http), "
                + "twilio (dev.notify:notify-sms-http), vonage (dev.notify:notify-sms-http), webhook (dev.notify:notify-sms-http)");
    }
}
