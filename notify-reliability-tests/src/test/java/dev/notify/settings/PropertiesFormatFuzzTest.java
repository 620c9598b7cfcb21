package dev.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Problem;
import dev.notify.SettingsException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated properties files, a fixed number from a fixed seed, through the whole reading path (the JDK's
 * properties loader, then {@link PropertiesFormat}, then resolving every server): each ends in settings or in a
 * {@link SettingsException} whose problems name keys, never in another exception or an error. Inputs are at most
 * {@value #MAX_LINES} lines of at most a few KiB each, which bounds the work per input.
 */
class PropertiesFormatFuzzTest {

    private static final long SEED = 30;
    private static final int INPUTS = 1_500;
    private static final int MAX_LINES = 40;

    private static final List<String> KEYS = List.of("email.enabled", "email.sender", "email.reply-to",
            "email.delivery-method", "email.smtp.host", "email.smtp.port", "email.smtp.tls", "email.smtp.auth.enabled",
            "email.smtp.auth.username", "email.smtp.auth.password", "email.retry.max-attempts",
            "email.retry.initial-delay", "sms.enabled", "sms.delivery-method", "sms.default-country-code",
            "sms.max-segments", "sms.acme.account", "email.smtp.prot", "inherits", "", ".", "servers", "..");
    private static final List<String> VALUES = List.of("true", "false", "maybe", "25", "70000", "-1", "0",
            "99999999999999999999", "10s", "500ms", "2m", "0s", "starttls", "none", "ssl", "smtp", "portal@example.com",
            "Portal <portal@example.com>", "Bob \u202E<b@example.com>", "mail.example.com", "mail.example.com:25",
            "[::1]", "256.1.1.1", "${env:SET}", "${env:UNSET}", "${env:}", "${file:secret}", "${file:missing}",
            "${file:.}", "${file:/dev/zero}", "${other:x}", "${", "}", "${env:SET", "a${env:SET}b", "", " ", "\u0000",
            "\r\n", "\\u00", "é", "\uD800", "44", "+44");
    private static final List<String> IDS = List.of("eu-1", "eu-2", "tenant", "a", "b", "EU_1", "", "bad id",
            "x".repeat(65), "ü", "s0");

    private final Random random = new Random(SEED);

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("secret"), "s3cret\n");
    }

    @Test
    void randomAndMutatedFilesEndInSettingsOrProblemsNamingKeys() {
        PropertiesFormat standard = PropertiesFormat.standard().withBaseDirectory(dir)
                .withEnvironment(Map.of("SET", "value")::get);
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            String text = i % 2 == 0 ? randomFile() : mutated(randomFile());
            PropertiesFormat format = i % 3 == 0 ? standard.isolatingInvalidServers() : standard;
            if (read(format, text)) {
                parsed++;
            } else {
                refused++;
            }
        }

        assertThat(parsed).as("inputs read into settings").isPositive();
        assertThat(refused).as("inputs refused with problems").isPositive();
    }

    /** Whether the text was read into settings; fails the test on anything but settings or a SettingsException. */
    private boolean read(PropertiesFormat format, String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        try {
            Settings settings = format.parse(properties);
            settings.resolveGlobal().problems().forEach(p -> assertNamesAKey(p, text));
            for (String id : settings.serverIds()) {
                settings.resolve(id).problems().forEach(p -> assertNamesAKey(p, text));
                assertThat(settings.resolve(id).toString()).doesNotContain("s3cret");
            }
            return true;
        } catch (SettingsException e) {
            assertThat(e.problems()).as("problems of %s", text).isNotEmpty();
            e.problems().forEach(p -> assertNamesAKey(p, text));
            assertThat(e.getMessage()).doesNotContain("s3cret");
            return false;
        }
    }

    private static void assertNamesAKey(Problem problem, String text) {
        assertThat(problem.key()).as("key of %s in %s", problem, text).isNotBlank().hasSizeLessThan(300);
        assertThat(problem.message()).as("message of %s", problem).isNotBlank().hasSizeLessThan(2_100);
    }

    private String randomFile() {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(MAX_LINES);
        for (int i = 0; i < lines; i++) {
            String key = pick(KEYS);
            if (random.nextInt(3) == 0) {
                key = "servers." + pick(IDS) + "." + (random.nextInt(5) == 0 ? "inherits" : key);
            }
            String value = random.nextInt(5) == 0 && key.endsWith("inherits") ? pick(IDS) : pick(VALUES);
            if (random.nextInt(20) == 0) {
                value = value.repeat(1 + random.nextInt(200));
            }
            text.append(random.nextInt(10) == 0 ? "# " : "").append(key).append(random.nextBoolean() ? "=" : " : ")
                    .append(value).append(random.nextInt(10) == 0 ? "\\\n" : "\n");
        }
        return text.toString();
    }

    private String mutated(String text) {
        StringBuilder out = new StringBuilder(text);
        int mutations = 1 + random.nextInt(8);
        for (int i = 0; i < mutations; i++) {
            int at = out.length() == 0 ? 0 : random.nextInt(out.length());
            switch (random.nextInt(5)) {
                case 0 -> out.insert(at, (char) random.nextInt(0x3000));
                case 1 -> {
                    if (out.length() > 0) {
                        out.deleteCharAt(at);
                    }
                }
                case 2 -> out.insert(at, pick(List.of("=", ":", "\\", "\n", "${", "}", ".", "servers.", "\\u", "#")));
                case 3 -> out.insert(at, pick(KEYS));
                default -> {
                    if (out.length() > 0) {
                        out.setCharAt(at, (char) (out.charAt(at) ^ (1 << random.nextInt(8))));
                    }
                }
            }
        }
        return out.toString();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
