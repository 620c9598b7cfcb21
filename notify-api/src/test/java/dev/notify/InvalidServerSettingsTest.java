package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.message.EmailMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import dev.notify.support.RecordingProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With server-isolating parsing, one server's unreadable entry stops that server only. */
class InvalidServerSettingsTest {

    private final RecordingProvider smtp = RecordingProvider.email("smtp");
    private Notifier notifier;

    @AfterEach
    void close() {
        notifier.close();
    }

    private Notifier notifier(Map<String, String> properties) {
        Settings settings = PropertiesFormat.standard().isolatingInvalidServers().parse(properties);
        notifier = Notifier.builder().settings(settings).provider(smtp).discoverProviders(false).build();
        return notifier;
    }

    private static EmailMessage email() {
        return EmailMessage.builder().to("alice@example.com").subject("Hi").text("Hello").build();
    }

    @Test
    void aServerWithAnUnreadableEntryRefusesToSendWhileOthersSend() {
        notifier(Map.of(
                "email.enabled", "true",
                "email.sender", "support@example.com",
                "email.smtp.host", "mail.example.com",
                "servers.eu-1.email.smtp.port", "70000"));

        assertThatThrownBy(() -> notifier.server("eu-1").sendEmail(email()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("servers.eu-1.email.smtp.port: must be 1-65535, was 70000");
        assertThat(notifier.server("us-1").sendEmail(email()).status()).isEqualTo(SendStatus.ACCEPTED);
        assertThat(smtp.attempts()).hasSize(1);
    }

    @Test
    void aMistypedEnabledFlagIsAnErrorNotAChannelThatIsOff() {
        notifier(Map.of(
                "email.enabled", "true",
                "email.sender", "support@example.com",
                "email.smtp.host", "mail.example.com",
                "servers.eu-1.email.enabled", "maybe"));

        assertThatThrownBy(() -> notifier.server("eu-1").sendEmail(email()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("servers.eu-1.email.enabled: must be true or false");
        assertThat(smtp.attempts()).isEmpty();
    }
}
