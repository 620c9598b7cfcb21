package dev.notify.sms;

import static dev.notify.sms.GatewayNotifiers.GATEWAY_DOMAIN;
import static dev.notify.sms.GatewayNotifiers.SMS_SENDER;
import static dev.notify.sms.GatewayNotifiers.notifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.Channel;
import dev.notify.InvalidMessageException;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.SettingsException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Outbox;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsGatewayProviderTest {

    @Test
    void smsBecomesPlainTextEmailToGatewayAddressFromSmsSender() {
        try (Notifier notifier = notifier(Map.of())) {
            SendResult result = notifier.server("a").sendSms(SmsMessage.of("+1 (555) 010-1234", "Your code is 4321."));

            EmailMessage email = Outbox.of(notifier).emails().get(0);
            assertThat(Outbox.of(notifier).emails()).hasSize(1);
            assertThat(email.to()).containsExactly(EmailAddress.parse("15550101234@" + GATEWAY_DOMAIN));
            assertThat(email.cc()).isEmpty();
            assertThat(email.bcc()).isEmpty();
            assertThat(email.from()).contains(EmailAddress.parse(SMS_SENDER));
            assertThat(email.subject()).isEmpty();
            assertThat(email.text()).contains("Your code is 4321.");
            assertThat(email.html()).isEmpty();
            assertThat(email.attachments()).isEmpty();
            assertThat(email.messageId()).hasValueSatisfying(
                    id -> assertThat(id).matches("<[0-9a-f]{32}@notify\\.example\\.com>"));
            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.channel()).isEqualTo(Channel.SMS);
            assertThat(result.providerId()).contains(SmsGatewayProvider.ID);
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(result.accepted()).containsExactly("+15550101234");
            assertThat(result.messageId()).isEqualTo(email.messageId());
            assertThat(result.details()).containsEntry("sms.e164", "+15550101234")
                    .containsEntry("sms.gateway-address", "15550101234@" + GATEWAY_DOMAIN)
                    .containsEntry("sms.segments", "1")
                    .containsEntry("sms.encoding", "gsm-7")
                    .containsEntry("email.message-id", email.messageId().orElseThrow())
                    .containsEntry("email.accepted", "15550101234@" + GATEWAY_DOMAIN);
        }
    }

    @ParameterizedTest(name = "[{index}] sms.email-gateway.recipient-format={0} writes {1}")
    @CsvSource({"e164-digits, 442079460958", "national-digits, 2079460958", "e164-plus, +442079460958"})
    void recipientFormatDecidesTheGatewayLocalPart(String format, String localPart) {
        try (Notifier notifier = notifier(Map.of("sms.email-gateway.recipient-format", format))) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("+44 20 7946 0958", "Hello"));

            assertThat(Outbox.of(notifier).emailsTo(localPart + "@" + GATEWAY_DOMAIN)).hasSize(1);
            assertThat(result.details()).containsEntry("sms.gateway-address", localPart + "@" + GATEWAY_DOMAIN)
                    .containsEntry("sms.e164", "+442079460958");
        }
    }

    @Test
    void subjectComesFromSmsSubjectForGatewaysThatReadIt() {
        try (Notifier notifier = notifier(Map.of("sms.email-gateway.subject", "ACME-SMS"))) {
            notifier.global().sendSms(SmsMessage.of("+15550101234", "Hello"));

            assertThat(Outbox.of(notifier).emails()).extracting(EmailMessage::subject).containsExactly("ACME-SMS");
        }
    }

    @Test
    void numberWithoutCountryCodeTakesTheDefaultCountryCode() {
        try (Notifier notifier = notifier(Map.of("sms.default-country-code", "1"))) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("555.010.1234", "Hello"));

            assertThat(Outbox.of(notifier).emailsTo("15550101234@" + GATEWAY_DOMAIN)).hasSize(1);
            assertThat(result.accepted()).containsExactly("+15550101234");
        }
    }

    @Test
    void numberWithoutCountryCodeAndNoDefaultIsRefusedAndNothingIsSent() {
        try (Notifier notifier = notifier(Map.of())) {
            InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                    () -> notifier.global().sendSms(SmsMessage.of("555.010.1234", "Hello")));

            assertThat(e.problems()).extracting(Problem::key).containsExactly("phone-number");
            assertThat(e.getMessage()).contains("sms.default-country-code");
            assertThat(Outbox.of(notifier).isEmpty()).isTrue();
        }
    }

    @Test
    void textOverMaxSegmentsIsRefusedBeforeAnythingIsSent() {
        try (Notifier notifier = notifier(Map.of())) {
            InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                    () -> notifier.global().sendSms(SmsMessage.of("+15550101234", "x".repeat(161))));

            assertThat(e.problems()).extracting(Problem::key).containsExactly("text");
            assertThat(e.getMessage()).contains("161 GSM-7 characters", "2 SMS segments", "allows 1");
            assertThat(Outbox.of(notifier).isEmpty()).isTrue();
        }
    }

    @Test
    void maxSegmentsAllowsLongerTextsUntruncated() {
        String text = "x".repeat(300);
        try (Notifier notifier = notifier(Map.of("sms.max-segments", "2"))) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("+15550101234", text));

            assertThat(Outbox.of(notifier).emails()).singleElement()
                    .satisfies(email -> assertThat(email.text()).contains(text));
            assertThat(result.details()).containsEntry("sms.segments", "2").containsEntry("sms.encoding", "gsm-7");
        }
    }

    @Test
    void emojiTextIsReportedAsUcs2() {
        try (Notifier notifier = notifier(Map.of())) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("+15550101234", "Welcome 👋"));

            assertThat(result.details()).containsEntry("sms.encoding", "ucs-2").containsEntry("sms.segments", "1");
            assertThat(Outbox.of(notifier).emails().get(0).text()).contains("Welcome 👋");
        }
    }

    @Test
    void eachServerUsesItsOwnSmsSettings() {
        try (Notifier notifier = notifier(Map.of(
                "servers.b.sms.enabled", "false",
                "servers.c.sms.email-gateway.destination-domain", "txt.other-gateway.example"))) {
            SendResult a = notifier.server("a").sendSms(SmsMessage.of("+15550101234", "for A"));
            SendResult b = notifier.server("b").sendSms(SmsMessage.of("+15550101234", "for B"));
            SendResult c = notifier.server("c").sendSms(SmsMessage.of("+15550101234", "for C"));

            Outbox outbox = Outbox.of(notifier);
            assertThat(a.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(b.status()).isEqualTo(SendStatus.CHANNEL_DISABLED);
            assertThat(b.server()).contains("b");
            assertThat(c.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(outbox.emails()).hasSize(2);
            assertThat(outbox.emailsTo("15550101234@" + GATEWAY_DOMAIN)).singleElement()
                    .satisfies(email -> assertThat(email.text()).contains("for A"));
            assertThat(outbox.emailsTo("15550101234@txt.other-gateway.example")).singleElement()
                    .satisfies(email -> assertThat(email.text()).contains("for C"));
            assertThat(c.details()).containsEntry("sms.gateway-address", "15550101234@txt.other-gateway.example");
        }
    }

    @Test
    void smsEnabledWhileEmailIsDisabledIsASettingsErrorNamingBothKeys() {
        try (Notifier notifier = notifier(Map.of("servers.d.email.enabled", "false"))) {
            SettingsException e = catchThrowableOfType(SettingsException.class,
                    () -> notifier.server("d").sendSms(SmsMessage.of("+15550101234", "Hello")));

            assertThat(e.server()).contains("d");
            assertThat(e.problems()).filteredOn(p -> p.key().equals("sms.enabled")).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("servers.d.email.enabled=false"));
            assertThat(e.getMessage()).contains("sms.enabled", "servers.d.email.enabled=false");
            assertThat(Outbox.of(notifier).isEmpty()).isTrue();
        }
    }

    @Test
    void gatewayDomainThatMakesAnInvalidAddressIsASettingsErrorNamingItsFullKey() {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> GatewayNotifiers.settings(Map.of("servers.eu-1.sms.email-gateway.destination-domain", "sms.exa\u760Dmple.net")));

        assertThat(e.problems()).extracting(Problem::key).containsExactly("servers.eu-1.sms.email-gateway.destination-domain");
        assertThat(e.getMessage()).contains("U+760D", "which a transport could truncate to a line break");
    }

    @Test
    void resultSaysTheSmsWasHandedToTheGatewayNeverThatThePhoneGotIt() {
        try (Notifier notifier = notifier(Map.of())) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("+15550101234", "Hello"));

            assertThat(result.details()).containsEntry("sms.outcome", "handed to the email gateway " + GATEWAY_DOMAIN
                    + "; the gateway does not report whether the phone received it");
            assertThat(result.details().values()).noneSatisfy(v -> assertThat(v).containsIgnoringCase("delivered"));
        }
    }

    @Test
    void serversThatDifferOnlyInTheirSmsLimitsEachApplyTheirOwn() {
        try (Notifier notifier = notifier(Map.of("servers.long.sms.max-segments", "2",
                "servers.us.sms.default-country-code", "1"))) {
            SendResult first = notifier.server("short").sendSms(SmsMessage.of("+15550101234", "x".repeat(100)));
            SendResult longText = notifier.server("long").sendSms(SmsMessage.of("+15550101234", "x".repeat(300)));
            InvalidMessageException tooLong = catchThrowableOfType(InvalidMessageException.class,
                    () -> notifier.server("short").sendSms(SmsMessage.of("+15550101234", "x".repeat(300))));
            SendResult national = notifier.server("us").sendSms(SmsMessage.of("555 010 1234", "national"));

            assertThat(first.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(longText.details()).containsEntry("sms.segments", "2");
            assertThat(tooLong.problems()).extracting(Problem::key).containsExactly("text");
            assertThat(national.accepted()).containsExactly("+15550101234");
        }
    }

    @Test
    void providerIsFoundWithServiceLoader() {
        try (Notifier notifier = Notifier.builder().settings(GatewayNotifiers.settings(Map.of()))
                .provider(new FakeEmailProvider()).build()) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("+15550101234", "found"));

            assertThat(notifier.providerIds(Channel.SMS)).contains(SmsGatewayProvider.ID);
            assertThat(notifier.provider(Channel.SMS, SmsGatewayProvider.ID)).containsInstanceOf(SmsGatewayProvider.class);
            assertThat(result.providerId()).contains(SmsGatewayProvider.ID);
            assertThat(Outbox.of(notifier).emailsTo("15550101234@" + GATEWAY_DOMAIN)).hasSize(1);
        }
    }
}
