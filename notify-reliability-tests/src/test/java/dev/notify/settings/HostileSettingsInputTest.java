package dev.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.notify.Problem;
import dev.notify.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30: settings files an attacker or a careless administrator could write, generated here: long inheritance
 * chains and cycles, huge keys and values, references to devices and FIFOs, references in keys that are not
 * secrets. Each input was quadratic, unbounded or blocking before.
 */
class HostileSettingsInputTest {

    private static final SettingsSchema CORE = SettingsSchema.of(List.of());
    private static final int SERVERS = 100_000;

    @TempDir
    Path dir;

    private static Map<String, String> chain(int servers) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("email.sender", "portal@example.com");
        properties.put("servers.s0.email.reply-to", "root@example.com");
        for (int i = 1; i < servers; i++) {
            properties.put("servers.s" + i + ".inherits", "s" + (i - 1));
            properties.put("servers.s" + i + ".sms.max-segments", Integer.toString(1 + i % 10));
        }
        return properties;
    }

    private static Map<String, String> cycle(int servers) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < servers; i++) {
            properties.put("servers.s" + i + ".inherits", "s" + ((i + 1) % servers));
            properties.put("servers.s" + i + ".email.enabled", "false");
        }
        return properties;
    }

    private static ResolvedValue<?> value(ResolvedSettings settings, String key) {
        return settings.values().stream().filter(v -> v.key().name().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void everyServerOfAChainOf100000ResolvesEachOnce() {
        Settings settings = PropertiesFormat.standard().withSchema(CORE).parse(chain(SERVERS));

        ResolvedSettings deepest = settings.resolve("s" + (SERVERS - 1));
        for (int i = 0; i < SERVERS; i++) {
            assertThat(settings.resolve("s" + i).origin(SettingKeys.EMAIL_REPLY_TO)).isEqualTo(Origin.server("s0"));
        }

        assertThat(deepest.get(SettingKeys.EMAIL_REPLY_TO).address()).isEqualTo("root@example.com");
        assertThat(deepest.origin(SettingKeys.EMAIL_SENDER)).isEqualTo(Origin.GLOBAL);
        assertThat(deepest.origin(SettingKeys.SMS_MAX_SEGMENTS)).isEqualTo(Origin.server("s" + (SERVERS - 1)));
        assertThat(settings.resolve("s" + (SERVERS / 2))).as("kept once resolved")
                .isSameAs(settings.resolve("s" + (SERVERS / 2)));
    }

    @Test
    void aCycleOf100000ServersIsOneShortProblem() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> PropertiesFormat.standard().withSchema(CORE).parse(cycle(SERVERS)));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.s0.inherits");
            assertThat(p.message()).startsWith("inheritance forms a cycle of 100000 servers: s0 -> s1 -> s2")
                    .endsWith("s9 -> … (99990 more) -> s0");
        });
        assertThat(e.getMessage()).hasSizeLessThan(500);
    }

    @Test
    void serversInheritingIntoACycleAddNoProblemOfTheirOwn() {
        Map<String, String> properties = cycle(3);
        for (int i = 0; i < 5_000; i++) {
            properties.put("servers.t" + i + ".inherits", "s0");
        }

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> PropertiesFormat.standard().withSchema(CORE).parse(properties));

        assertThat(e.problems()).extracting(Problem::toString)
                .containsExactly("servers.s0.inherits: inheritance forms a cycle of 3 servers: s0 -> s1 -> s2 -> s0");
    }

    @Test
    void twoCyclesAreTwoProblems() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("servers.a.inherits", "a");
        properties.put("servers.b.inherits", "c");
        properties.put("servers.c.inherits", "b");

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> PropertiesFormat.standard().withSchema(CORE).parse(properties));

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "servers.a.inherits: inheritance forms a cycle of 1 server: a -> a",
                "servers.b.inherits: inheritance forms a cycle of 2 servers: b -> c -> b");
    }

    @Test
    void anUnknownKeyOfAMegabyteGetsNoSuggestionAndIsCutInTheProblem() {
        String key = "email.smtp.host" + "x".repeat(1_000_000);

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> PropertiesFormat.standard().parse(Map.of(key, "mail.example.com")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("unknown setting");
            assertThat(p.key()).startsWith("email.smtp.hostxxx").endsWith("… (1000015 characters)").hasSizeLessThan(300);
        });
    }

    @Test
    void aLongMistypedKeyStillGetsItsSuggestion() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> PropertiesFormat.standard().parse(Map.of("email.smtp.auth.pasword", "x")));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("unknown setting; did you mean 'email.smtp.auth.password'?"));
    }

    @Test
    void aHugeInvalidValueIsCutInTheProblem() {
        String value = "9".repeat(10_000_000) + "x";

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> PropertiesFormat.standard().parse(Map.of("email.smtp.port", value)));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("email.smtp.port");
            assertThat(p.message()).isEqualTo("must be a whole number, was '" + "9".repeat(Problem.MAX_VALUE)
                    + "… (10000001 characters)'");
        });
        assertThat(e.getMessage()).hasSizeLessThan(500);
    }

    @Test
    void aHostNameOfFiftyMegabytesIsRefusedByItsLengthNotRunThroughIdn() {
        String value = "a".repeat(50_000_000);

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> PropertiesFormat.standard().parse(Map.of("email.smtp.host", value)));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("email.smtp.host");
            assertThat(p.message()).startsWith("is not a valid host name (at most 253 characters), was '")
                    .endsWith("… (50000000 characters)'");
        });
    }

    @Test
    void aSenderDisplayNameWithABidiOverrideIsRefusedNamingTheKey() {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> PropertiesFormat.standard()
                .parse(Map.of("servers.eu-1.email.sender", "Support \u202Emoc.elpmaxe\u202C <support@example.com>")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.eu-1.email.sender");
            assertThat(p.message()).contains("U+202E");
        });
    }

    @Test
    void aReferenceToADeviceIsRefusedNamingTheKeyAndTheFile() {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "a system with /dev/zero");

        for (String device : List.of("/dev/zero", "/dev/urandom")) {
            SettingsException e = catchThrowableOfType(SettingsException.class, () -> PropertiesFormat.standard()
                    .parse(Map.of("email.smtp.auth.password", "${file:" + device + "}")));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("email.smtp.auth.password");
                assertThat(p.message()).contains(device).contains("not a regular file");
            });
        }
    }

    @Test
    void aReferenceToAFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("password");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> PropertiesFormat.standard()
                .withBaseDirectory(dir).parse(Map.of("servers.eu-1.email.smtp.auth.password", "${file:password}")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.eu-1.email.smtp.auth.password");
            assertThat(p.message()).contains(fifo.toString()).contains("not a regular file");
        });
    }

    @Test
    void aReferenceToADirectoryOrAFileOver64KibIsRefused() throws IOException {
        Path big = Files.writeString(dir.resolve("big"), "x".repeat(64 * 1024 + 1));

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> PropertiesFormat.standard()
                .withBaseDirectory(dir).parse(Map.of("email.smtp.auth.password", "${file:big}",
                        "email.smtp.auth.username", "${file:.}")));

        assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                "email.smtp.auth.password: file " + big + " is larger than 64 KiB",
                "email.smtp.auth.username: file " + dir.resolve(".") + " is not a regular file (a directory); "
                        + "a reference reads only regular files");
    }

    @Test
    void aReferenceThroughASymbolicLinkToARegularFileIsRead() throws IOException {
        Path target = Files.writeString(dir.resolve("..data-password"), "s3cret\n");
        Files.createSymbolicLink(dir.resolve("password"), target);

        Settings settings = PropertiesFormat.standard().withBaseDirectory(dir)
                .parse(Map.of("email.smtp.auth.password", "${file:password}"));

        assertThat(value(settings.resolveGlobal(), "email.smtp.auth.password").value()).hasValueSatisfying(
                secret -> assertThat(((Secret) secret).reveal()).isEqualTo("s3cret"));
    }

    @Test
    void aReferencedValueOfAKeyThatIsNoSecretIsShownAsItsReference() throws IOException {
        Files.writeString(dir.resolve("user"), "portal-user\n");
        Settings settings = PropertiesFormat.standard().withBaseDirectory(dir)
                .withEnvironment(Map.of("SMTP_HOST", "relay.internal.example.com")::get)
                .parse(Map.of("email.smtp.host", "${env:SMTP_HOST}", "servers.eu-1.email.smtp.auth.username",
                        "${file:user}"));

        ResolvedSettings eu1 = settings.resolve("eu-1");

        assertThat(value(eu1, "email.smtp.host").value()).map(Object::toString).contains("relay.internal.example.com");
        assertThat(value(eu1, "email.smtp.host").displayValue()).isEqualTo("${env:SMTP_HOST}");
        assertThat(value(eu1, "email.smtp.auth.username").displayValue()).isEqualTo("${file:user}");
        assertThat(eu1.toString() + settings + PropertiesFormat.standard().format(settings))
                .doesNotContain("relay.internal").doesNotContain("portal-user");
    }

    @Test
    void aReferencedValueThatIsInvalidIsNotEchoedInTheProblem() throws IOException {
        Files.writeString(dir.resolve("shadow"), "root:$6$saltsalt$hashhash:19000:0:99999:7:::\n");

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> PropertiesFormat.standard()
                .withBaseDirectory(dir).parse(Map.of("email.smtp.host", "${file:shadow}",
                        "email.smtp.port", "${file:shadow}")));

        assertThat(e.problems()).extracting(Problem::key).containsExactlyInAnyOrder("email.smtp.host", "email.smtp.port");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).contains("${file:shadow}")
                .doesNotContain("hashhash"));
    }
}
