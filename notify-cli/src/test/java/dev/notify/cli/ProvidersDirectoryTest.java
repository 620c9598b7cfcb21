package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.SenderProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider written outside notify, compiled here into a jar of its own, runs with the command through
 * {@code --providers DIR} (issue 29, item 9): the command loads it with a class loader for discovery, reads its
 * keys and delivers through it.
 */
class ProvidersDirectoryTest {

    private static final String SOURCE = """
            package com.example.tiny;

            import dev.notify.Channel;
            import dev.notify.CheckReport;
            import dev.notify.message.SmsMessage;
            import dev.notify.settings.SettingKey;
            import dev.notify.spi.Delivery;
            import dev.notify.spi.ProviderSettings;
            import dev.notify.spi.SenderContext;
            import dev.notify.spi.SenderProvider;
            import dev.notify.spi.SmsSender;
            import java.util.List;

            public final class TinySmsProvider implements SenderProvider {
                static final SettingKey<String> ACCOUNT = SettingKey.text("sms.tiny.account")
                        .description("The Tiny account.").build();

                public String id() { return "tiny"; }
                public Channel channel() { return Channel.SMS; }
                public ProviderSettings settings() { return ProviderSettings.of(List.of(ACCOUNT), check -> { }); }

                public SmsSender create(SenderContext context) {
                    String account = context.settings().find(ACCOUNT).orElse("none");
                    return new SmsSender() {
                        public Delivery send(SmsMessage sms) {
                            return Delivery.accepted(sms.messageId().orElseThrow(), List.of(sms.phoneNumber()))
                                    .withDetail("tiny.account", account);
                        }
                        public CheckReport check() { return CheckReport.builder("tiny").item("account", account).build(); }
                        public void close() { }
                    };
                }
            }
            """;

    @TempDir
    Path dir;

    private Path providers;
    private Path config;

    @BeforeEach
    void tinyProviderJar() throws IOException, URISyntaxException {
        Path sources = Files.createDirectories(dir.resolve("src/com/example/tiny"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path source = Files.writeString(sources.resolve("TinySmsProvider.java"), SOURCE);
        String api = Path.of(SenderProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-cp", api, "-d", classes.toString(), source.toString());
        assertThat(status).as("javac").isZero();

        providers = Files.createDirectories(dir.resolve("providers"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(providers.resolve("tiny-sms.jar")))) {
            jar.putNextEntry(new JarEntry("META-INF/services/dev.notify.spi.SenderProvider"));
            jar.write("com.example.tiny.TinySmsProvider\n".getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, (OutputStream) jar);
                }
            }
        }
        config = CliRun.writeConfig(dir, "sms.enabled=true", "sms.delivery-method=tiny", "sms.tiny.account=portal");
    }

    @Test
    void sendSmsDeliversThroughAProviderJarOfTheProvidersDirectory() {
        CliRun run = CliRun.of("send-sms", "--config", config.toString(), "--providers", providers.toString(),
                "--to", "+15550101234", "--text", "hi");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("SMS accepted via tiny", "tiny.account: portal");
    }

    @Test
    void withoutTheDirectoryItsKeysAreUnknown() {
        CliRun run = CliRun.of("send-sms", "--config", config.toString(), "--to", "+15550101234", "--text", "hi");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("sms.tiny.account");
    }

    @Test
    void schemaAndCheckSeeTheProvidersKeys() {
        CliRun schema = CliRun.of("schema", "--providers", providers.toString());
        CliRun check = CliRun.of("check", "--config", config.toString(), "--providers", providers.toString(),
                "--channel", "sms");

        assertThat(schema.out()).contains("sms.tiny.account", "The Tiny account.");
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).contains("via tiny: OK", "account: portal");
    }

    @Test
    void aProvidersPathThatIsNoDirectoryIsAnInvalidUsage() {
        CliRun run = CliRun.of("schema", "--providers", dir.resolve("missing").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--providers", "is not a directory");
    }
}
