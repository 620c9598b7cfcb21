package dev.notify.sms;

import static dev.notify.sms.GatewayNotifiers.notifier;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.SmsMessage;
import dev.notify.sms.internal.GatewaySender;
import dev.notify.testkit.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** The US carriers' shut-down email-to-SMS gateways are named, with the keys of an HTTP SMS service to set instead. */
class CarrierGatewayClosuresTest {

    private static final String HTTP_KEYS = "sms.twilio.account-sid";

    private static Clock on(String date) {
        return Clock.fixed(Instant.parse(date + "T12:00:00Z"), ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "[{index}] {0} is closed on {1}")
    @CsvSource({"txt.att.net, 2025-06-17, AT&T", "mms.att.net, 2025-07-01, AT&T", "tmomail.net, 2025-01-01, T-Mobile",
            "vtext.com, 2027-03-31, Verizon", "vzwpix.com, 2028-01-01, Verizon"})
    void closedCarrierGatewayFailsTheCheckNamingTheKeysToSetInstead(String domain, String date, String carrier) {
        try (Notifier notifier = notifier(Map.of("sms.email-gateway.destination-domain", domain), on(date))) {
            CheckReport report = notifier.global().check(Channel.SMS);

            assertThat(report.ok()).isFalse();
            assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f)
                    .contains("sms.email-gateway.destination-domain=" + domain, carrier + " shut down", "no longer reach phones",
                            "sms.delivery-method=twilio", HTTP_KEYS, "sms.vonage.api-key", "sms.infobip.base-url",
                            "sms.webhook.url"));
            assertThat(report.settingsProblems()).isEmpty();
        }
    }

    @Test
    void verizonGatewayBeforeItsClosingDateIsAWarningAndTheCheckPasses() {
        try (Notifier notifier = notifier(Map.of("sms.email-gateway.destination-domain", "vtext.com"), on("2027-03-30"))) {
            CheckReport report = notifier.global().check(Channel.SMS);

            assertThat(report.ok()).as(report.toString()).isTrue();
            assertThat(report.item("warning")).hasValueSatisfying(w -> assertThat(w)
                    .contains("Verizon", "announced to shut down on 31 March 2027", HTTP_KEYS));
        }
    }

    @Test
    void sendThroughAClosedGatewayIsHandedOverWithAWarningInTheResult() {
        try (Notifier notifier = notifier(Map.of("servers.us-1.sms.email-gateway.destination-domain", "TXT.ATT.NET"), on("2025-09-01"))) {
            SendResult result = notifier.server("us-1").sendSms(SmsMessage.of("+15550101234", "Hello"));

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.details().get("sms.outcome")).startsWith("handed to the email gateway TXT.ATT.NET");
            assertThat(result.details().get("sms.warning")).contains("AT&T shut down on 17 June 2025", HTTP_KEYS);
            assertThat(Outbox.of(notifier).emailsTo("15550101234@TXT.ATT.NET")).hasSize(1);
        }
    }

    @Test
    void otherGatewaysGetNoWarning() {
        try (Notifier notifier = notifier(Map.of(), on("2030-01-01"))) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("+15550101234", "Hello"));
            CheckReport report = notifier.global().check(Channel.SMS);

            assertThat(result.details()).doesNotContainKey("sms.warning");
            assertThat(report.ok()).isTrue();
            assertThat(report.item("warning")).isEmpty();
        }
    }

    @Test
    void closedGatewayIsLoggedOnceWhenItsSenderIsCreated() {
        Logger logger = (Logger) LoggerFactory.getLogger(GatewaySender.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (Notifier notifier = notifier(Map.of("sms.email-gateway.destination-domain", "tmomail.net"), on("2025-02-01"))) {
            notifier.global().sendSms(SmsMessage.of("+15550101234", "one"));
            notifier.global().sendSms(SmsMessage.of("+15550101234", "two"));

            assertThat(log.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("the global settings", "tmomail.net",
                        "T-Mobile shut down in December 2024", HTTP_KEYS);
            });
        } finally {
            logger.detachAppender(log);
        }
    }
}
