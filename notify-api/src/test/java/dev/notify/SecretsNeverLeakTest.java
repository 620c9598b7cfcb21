package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.message.EmailMessage;
import dev.notify.settings.FileSettingsSource;
import dev.notify.settings.Layer;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.ResolvedValue;
import dev.notify.settings.Secret;
import dev.notify.settings.Settings;
import dev.notify.support.LogCapture;
import dev.notify.support.RecordingProvider;
import dev.notify.support.RelayKeys;
import dev.notify.support.TestSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsNeverLeakTest {

    private static final String SMTP_PASSWORD = "s3cr3t-pass";
    private static final String GRAPH_SECRET = "graph-secret-value";

    private static final String[] CONFIG = {
        "email.enabled=true",
        "email.sender=support@example.com",
        "email.smtp.host=mail.example.com",
        "email.smtp.auth.enabled=true",
        "email.smtp.auth.username=portal",
        "email.smtp.auth.password=" + GRAPH_SECRET,
        "email.retry.initial-delay=1ms",
        "servers.eu-1.email.smtp.auth.username=eu-user",
        "servers.eu-1.email.smtp.auth.password=" + SMTP_PASSWORD,
        "servers.us-1.email.smtp.host=",
    };

    @TempDir
    Path dir;

    private final List<String> rendered = new ArrayList<>();

    private void render(Object value) {
        rendered.add(String.valueOf(value));
        if (value instanceof Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            rendered.add(trace.toString());
        }
    }

    private void assertNoSecretRendered() {
        assertThat(rendered).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(SMTP_PASSWORD)
                .doesNotContain(GRAPH_SECRET));
    }

    @Test
    void settingsLayersAndResolvedValuesMaskSecrets() {
        Settings settings = TestSettings.parse(CONFIG);
        ResolvedSettings eu1 = settings.resolve("eu-1");

        render(settings);
        render(settings.global());
        render(settings.server("eu-1").orElseThrow());
        render(eu1);
        render(settings.resolveGlobal());
        for (ResolvedValue<?> value : eu1.values()) {
            render(value);
            render(value.displayValue());
            render(value.value().orElse(null));
        }
        render(eu1.values(RelayKeys.SETTINGS.keys()));
        render(eu1.get(RelayKeys.PASSWORD));
        render(Layer.builder().set(RelayKeys.PASSWORD, Secret.of(GRAPH_SECRET)).build());

        assertThat(eu1.get(RelayKeys.PASSWORD).reveal()).isEqualTo(SMTP_PASSWORD);
        assertThat(String.join("\n", rendered)).contains(Secret.MASK);
        assertNoSecretRendered();
    }

    @Test
    void settingsErrorsFromAConfigWithSecretsMaskThem() {
        List<String> bad = new ArrayList<>(List.of(CONFIG));
        bad.add("servers.eu-1.email.smtp.port=70000");
        bad.add("email.smtp.auth.pasword=" + SMTP_PASSWORD);
        bad.add("email.smtp.auth.passwort=" + GRAPH_SECRET);

        SettingsException parse = catchThrowableOfType(SettingsException.class,
                () -> TestSettings.parse(bad.toArray(String[]::new)));
        Settings halfSet = TestSettings.parse(CONFIG[0], CONFIG[1], CONFIG[2], CONFIG[3],
                "servers.eu-1.email.smtp.auth.password=" + SMTP_PASSWORD,
                "servers.us-1.email.smtp.host=", "servers.us-1.email.smtp.auth.password=" + GRAPH_SECRET);
        SettingsException eu1 = catchThrowableOfType(SettingsException.class, () -> halfSet.resolve("eu-1").requireValid());
        SettingsException us1 = catchThrowableOfType(SettingsException.class, () -> halfSet.resolve("us-1").requireValid());

        render(parse);
        render(parse.problems());
        render(eu1);
        render(us1);

        assertThat(parse.problems()).hasSize(3);
        assertThat(eu1.problems()).extracting(Problem::key).contains("servers.eu-1.email.smtp.auth.username");
        assertThat(us1.problems()).extracting(Problem::key).contains("servers.us-1.email.smtp.host");
        assertNoSecretRendered();
    }

    @Test
    void sendsRetriesFailuresAndResultsNeverShowSecretsInLogsOrMessages() {
        RecordingProvider smtp = RecordingProvider.email("smtp");
        Settings settings = TestSettings.parse(CONFIG);
        try (LogCapture log = LogCapture.debug("dev.notify");
                Notifier notifier = Notifier.builder().settings(settings).provider(smtp).discoverProviders(false).build()) {

            smtp.behaviour((message, attempt) -> attempt == 1
                    ? failTransiently()
                    : RecordingProvider.accept(message, attempt));
            SendResult retried = notifier.server("eu-1").sendEmail(email());
            smtp.behaviour((message, attempt) -> {
                throw new PermanentDeliveryException("550 rejected");
            });
            Throwable permanent = catchThrowable(() -> notifier.server("eu-1").sendEmail(email()));
            Throwable invalid = catchThrowable(() -> notifier.server("us-1").sendEmail(email()));
            smtp.behaviour((message, attempt) -> {
                throw new SettingsException(List.of(new Problem("servers.eu-1.email.smtp.auth.password",
                        "535 authentication failed")));
            });
            Throwable authentication = catchThrowable(() -> notifier.server("eu-1").sendEmail(email()));
            CheckReport check = notifier.server("eu-1").check();
            render(notifier.shutdown(Duration.ofSeconds(5)));

            render(retried);
            render(permanent);
            render(invalid);
            render(authentication);
            render(check);
            render(log.text());
            assertThat(log.text()).contains("retrying").contains("failed after");
            assertThat(retried.attempts()).isEqualTo(2);
        }
        assertNoSecretRendered();
    }

    @Test
    void reloadsAndFailedReloadsNeverLogSecrets() throws Exception {
        Path file = dir.resolve("notify.properties");
        Files.writeString(file, String.join("\n", CONFIG) + "\n");
        try (LogCapture log = LogCapture.debug("dev.notify")) {
            FileSettingsSource source = FileSettingsSource.of(file, PropertiesFormat.standard()
                    .withEnvironment(Map.of("SMTP_PASSWORD", SMTP_PASSWORD)::get)).withCheckInterval(Duration.ZERO);

            Files.writeString(file, String.join("\n", CONFIG) + "\nemail.smtp.port=70000\nemail.smtp.auth.pasword="
                    + SMTP_PASSWORD + "\n");
            source.current();
            Files.writeString(file, String.join("\n", CONFIG).replace("=" + SMTP_PASSWORD, "=${env:SMTP_PASSWORD}")
                    + "\nemail.smtp.port=587\n");
            Settings reloaded = source.current();

            render(source.lastError().orElse(null));
            render(reloaded);
            render(source);
            render(log.text());
            assertThat(log.text()).contains("not valid").contains("reloaded");
            assertThat(reloaded.resolve("eu-1").get(RelayKeys.PASSWORD).reveal()).isEqualTo(SMTP_PASSWORD);
        }
        assertNoSecretRendered();
    }

    private static EmailMessage email() {
        return EmailMessage.builder().to("alice@example.com").subject("Hi").text("Hello").build();
    }

    private static dev.notify.spi.Delivery failTransiently() {
        throw new TransientDeliveryException("421 try later");
    }
}
