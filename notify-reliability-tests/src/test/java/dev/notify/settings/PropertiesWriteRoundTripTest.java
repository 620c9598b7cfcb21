package dev.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.smtp.SmtpSettingKeys;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What PropertiesFormat writes, it reads back to equal settings; secrets are written as references only. */
class PropertiesWriteRoundTripTest {

    private static final String PASSWORD = "pa55 w=rd:#!\\x";
    private static final Map<String, String> ENV = Map.of("SMTP_PASSWORD", PASSWORD, "GRAPH_SECRET", "graph-s3cret");

    private final PropertiesFormat format = PropertiesFormat.standard().withEnvironment(ENV::get);

    @TempDir
    Path dir;

    private Settings rich() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("email.enabled", "true");
        p.put("email.sender", "Ticket Portal <portal@example.com>");
        p.put("email.reply-to", "help@example.com");
        p.put("email.smtp.host", "relay.example.com");
        p.put("email.smtp.tls", "implicit");
        p.put("email.smtp.read-timeout", "45s");
        p.put("email.smtp.auth.enabled", "true");
        p.put("email.smtp.auth.username", "portal");
        p.put("email.smtp.auth.password", "${env:SMTP_PASSWORD}");
        p.put("email.retry.initial-delay", "250ms");
        p.put("sms.enabled", "true");
        p.put("sms.email-gateway.sender", "sms@example.com");
        p.put("sms.email-gateway.destination-domain", "sms.example.net");
        p.put("servers.eu.email.delivery-method", "graph");
        p.put("servers.eu.email.graph.tenant-id", "contoso.onmicrosoft.com");
        p.put("servers.eu.email.graph.client-id", "11111111-2222-3333-4444-555555555555");
        p.put("servers.eu.email.graph.client-secret", "${env:GRAPH_SECRET}");
        p.put("servers.eu-1.inherits", "eu");
        p.put("servers.eu-1.email.reply-to", "");
        p.put("servers.us-1.email.smtp.port", "2525");
        p.put("servers.us-1.email.smtp.trust-store", dir.resolve("trust store.p12").toString());
        return format.parse(p);
    }

    @Test
    void whatIsWrittenReadsBackToEqualSettings() {
        Settings original = rich();

        String written = format.format(original);
        Settings read = format.parse(TestProperties.load(written));

        assertThat(read).isEqualTo(original);
        assertThat(read.resolve("eu-1").origin(MicrosoftIdentityKeys.TENANT_ID))
                .isEqualTo(Origin.server("eu"));
        assertThat(read.resolve("eu-1").find(SettingKeys.EMAIL_REPLY_TO)).isEmpty();
    }

    @Test
    void secretsAreWrittenAsTheirReferencesNeverAsValues() {
        String written = format.format(rich());

        assertThat(written).contains("email.smtp.auth.password=${env:SMTP_PASSWORD}")
                .contains("servers.eu.email.graph.client-secret=${env:GRAPH_SECRET}")
                .doesNotContain("pa55").doesNotContain("graph-s3cret");
    }

    @Test
    void aSecretWithoutAReferenceIsLeftOutWithACommentUnlessValuesAreAskedFor() {
        Settings settings = Settings.of(Layer.builder().set(SmtpSettingKeys.HOST, "relay.example.com")
                .set(SmtpSettingKeys.AUTH_USERNAME, "portal")
                .set(SmtpSettingKeys.AUTH_PASSWORD, Secret.of(PASSWORD)).build());

        String safe = format.format(settings);
        String full = format.writingSecretValues().format(settings);

        assertThat(safe).doesNotContain("pa55")
                .contains("# email.smtp.auth.password is a secret without a ${env:...} or ${file:...} reference");
        assertThat(format.parse(TestProperties.load(full)).resolveGlobal().get(SmtpSettingKeys.AUTH_PASSWORD).reveal())
                .isEqualTo(PASSWORD);
    }

    @Test
    void aWrittenFileIsReadByTheFileSource() throws Exception {
        Path file = dir.resolve("notify.properties");
        Settings original = rich();

        format.write(original, file);

        assertThat(FileSettingsSource.of(file, format).current()).isEqualTo(original);
        assertThat(Files.readString(file)).doesNotContain("pa55");
    }

    @Test
    void aPrefixedFormatWritesItsPrefix() {
        PropertiesFormat prefixed = format.withPrefix("notify.");

        String written = prefixed.format(rich());

        assertThat(written.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))).allMatch(l -> l.startsWith("notify."));
        assertThat(prefixed.parse(TestProperties.load(written))).isEqualTo(rich());
    }

    /** Loads text with java.util.Properties, as a file would be read. */
    static final class TestProperties {
        static Properties load(String text) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties;
        }
    }
}
