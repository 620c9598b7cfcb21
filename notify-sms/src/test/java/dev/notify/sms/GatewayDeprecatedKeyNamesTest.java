package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Outbox;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Settings files written before the gateway's keys moved under {@code sms.email-gateway.} keep working. */
class GatewayDeprecatedKeyNamesTest {

    private static Map<String, String> properties(String... keysAndValues) {
        Map<String, String> properties = GatewayNotifiers.emailAndSmsEnabled();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void oldKeyNamesStillSendAndWarnOncePerKeyNamingTheNewKey() {
        Logger logger = (Logger) LoggerFactory.getLogger(Settings.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        Settings settings;
        try {
            settings = PropertiesFormat.standard().parse(properties("sms.sender", "sms@example.com",
                    "sms.destination-domain", "sms.example.net", "sms.recipient-format", "e164-plus",
                    "sms.subject", "ACME", "servers.eu-1.sms.destination-domain", "eu.example.net"));
        } finally {
            logger.detachAppender(warnings);
        }

        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).containsExactlyInAnyOrder(
                "The setting sms.destination-domain is deprecated: rename it to sms.email-gateway.destination-domain "
                        + "(read as sms.email-gateway.destination-domain until then); written as sms.destination-domain, "
                        + "servers.eu-1.sms.destination-domain",
                "The setting sms.recipient-format is deprecated: rename it to sms.email-gateway.recipient-format "
                        + "(read as sms.email-gateway.recipient-format until then); written as sms.recipient-format",
                "The setting sms.sender is deprecated: rename it to sms.email-gateway.sender "
                        + "(read as sms.email-gateway.sender until then); written as sms.sender",
                "The setting sms.subject is deprecated: rename it to sms.email-gateway.subject "
                        + "(read as sms.email-gateway.subject until then); written as sms.subject");
        assertThat(settings.deprecatedNames()).extracting(Problem::key).containsExactly("sms.destination-domain",
                "sms.recipient-format", "sms.sender", "sms.subject", "servers.eu-1.sms.destination-domain");
        try (Notifier notifier = Notifier.builder().settings(settings).provider(new SmsGatewayProvider())
                .provider(new FakeEmailProvider()).build()) {
            notifier.server("eu-1").sendSms(SmsMessage.of("+15550101234", "Hello"));

            EmailMessage email = Outbox.of(notifier).emails().get(0);
            assertThat(email.to()).containsExactly(EmailAddress.parse("+15550101234@eu.example.net"));
            assertThat(email.from()).contains(EmailAddress.parse("sms@example.com"));
            assertThat(email.subject()).isEqualTo("ACME");
        }
    }

    @Test
    void oldAndNewKeyBothSetIsAnErrorNamingBoth() {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> PropertiesFormat.standard().parse(
                properties("sms.email-gateway.sender", "sms@example.com", "sms.email-gateway.destination-domain",
                        "sms.example.net", "servers.eu-1.sms.sender", "old@example.com",
                        "servers.eu-1.sms.email-gateway.sender", "new@example.com")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).startsWith("servers.eu-1.sms.");
            assertThat(p.message()).contains("sms.sender and sms.email-gateway.sender are one setting",
                    "keep only sms.email-gateway.sender");
        });
    }
}
