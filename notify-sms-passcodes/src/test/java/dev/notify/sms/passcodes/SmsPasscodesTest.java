package dev.notify.sms.passcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.InvalidMessageException;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.SmsEncoding;
import dev.notify.message.SmsLength;
import dev.notify.message.SmsMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Outbox;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsPasscodesTest {

    private static final String GATEWAY_DOMAIN = "sms.example.net";

    /** SMS through the test kit's fake provider ({@code sms.delivery-method=fake}), plus {@code extra} properties. */
    private static Notifier notifier(Map<String, String> extra) {
        return notifier("fake", extra);
    }

    /** SMS through the email-to-SMS gateway, its mails to the fake email provider. */
    private static Notifier gatewayNotifier(Map<String, String> extra) {
        Map<String, String> gateway = new LinkedHashMap<>(extra);
        gateway.put("email.enabled", "true");
        gateway.put("email.delivery-method", "fake");
        gateway.put("email.sender", "App <app@notify.example.com>");
        gateway.put("sms.email-gateway.sender", "sms-sender@notify.example.com");
        gateway.put("sms.email-gateway.destination-domain", GATEWAY_DOMAIN);
        return notifier("email-gateway", gateway);
    }

    private static Notifier notifier(String deliveryMethod, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sms.enabled", "true");
        properties.put("sms.delivery-method", deliveryMethod);
        properties.putAll(extra);
        return Notifier.builder().settings(PropertiesFormat.standard().parse(properties))
                .provider(new FakeEmailProvider()).provider(new FakeSmsProvider()).build();
    }

    @Test
    void moduleInstallsNoSmsProviderSoItNeverChangesTheDefault() {
        assertThat(ServiceLoader.load(SenderProvider.class).stream().map(ServiceLoader.Provider::type))
                .isNotEmpty()
                .noneMatch(type -> type.getPackageName().startsWith(SmsPasscodes.class.getPackageName()));
    }

    @Test
    void sendsThroughWhicheverSmsProviderTheSettingsChoose() {
        try (Notifier notifier = notifier(Map.of())) {
            SendResult result = SmsPasscodes.of(notifier).sendGlobal("+15550101234", "31337", Duration.ofMinutes(3));

            assertThat(result.providerId()).contains("fake");
            assertThat(Outbox.of(notifier).sms()).extracting(SmsMessage::text)
                    .containsExactly("Your passcode is 31337. It expires in 3 min.");
        }
    }

    @Test
    void textIsTheSettingsTemplateThatAServerOverridesAndALocaleTranslates() {
        try (Notifier notifier = notifier(Map.of(
                "templates.passcode.de.sms", "Ihr Code lautet {{code}}. Er ist {{minutes}} Minuten gültig.",
                "servers.acme.templates.passcode.sms", "{{code}} is your Acme code ({{minutes}} min)."))) {
            SmsPasscodes passcodes = SmsPasscodes.of(notifier);

            passcodes.send("eu-1", "+15550101234", "4242", Duration.ofMinutes(5), Locale.forLanguageTag("de-AT"));
            passcodes.send("acme", "+15550101234", "4243", Duration.ofMinutes(5), Locale.ENGLISH);
            passcodes.send("acme", "+15550101234", "4244", Duration.ofMinutes(5));

            assertThat(Outbox.of(notifier).sms()).extracting(SmsMessage::text).containsExactly(
                    "Ihr Code lautet 4242. Er ist 5 Minuten gültig.",
                    "4243 is your Acme code (5 min).",
                    "4244 is your Acme code (5 min).");
        }
    }

    @Test
    void defaultTextSaysTheCodeAndTheValidity() {
        try (Notifier notifier = notifier(Map.of())) {
            String text = SmsPasscodes.of(notifier).text("123456", Duration.ofMinutes(10));

            assertThat(text).isEqualTo("Your passcode is 123456. It expires in 10 min.");
        }
    }

    @Test
    void defaultTextFitsOneGsm7SegmentWithTheLongestCode() {
        try (Notifier notifier = notifier(Map.of())) {
            String text = SmsPasscodes.of(notifier).text("1234567890", Duration.ofDays(7));

            SmsLength length = SmsLength.of(text);
            assertThat(length.encoding()).isEqualTo(SmsEncoding.GSM_7);
            assertThat(length.segments()).isEqualTo(1);
        }
    }

    @Test
    void minutesAreRoundedDownSoTheTextNeverPromisesTooMuch() {
        try (Notifier notifier = notifier(Map.of())) {
            String text = SmsPasscodes.of(notifier).text("1234", Duration.ofMinutes(10).plusSeconds(59));

            assertThat(text).contains("expires in 10 min");
        }
    }

    @Test
    void hostCanOverrideTheTemplate() {
        try (Notifier notifier = notifier(Map.of())) {
            SmsPasscodes passcodes = SmsPasscodes.of(notifier)
                    .withTemplate("{code} is your Acme guest code, valid {minutes} minutes. Code: {code}");

            assertThat(passcodes.text("987654", Duration.ofMinutes(30)))
                    .isEqualTo("987654 is your Acme guest code, valid 30 minutes. Code: 987654");
            assertThat(SmsPasscodes.of(notifier).template()).isEqualTo(SmsPasscodes.DEFAULT_TEMPLATE);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "Your passcode expires in {minutes} min.", "Code: {cod}", "Code {code} for {user}"})
    void templateWithoutCodeOrWithUnknownPlaceholdersIsRefused(String template) {
        try (Notifier notifier = notifier(Map.of())) {
            SmsPasscodes passcodes = SmsPasscodes.of(notifier);

            assertThatThrownBy(() -> passcodes.withTemplate(template))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("template ");
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"123", "12345678901", "12a456", " 1234", "1234 ", "12-34", "١٢٣٤٥٦", "+123456"})
    void codeMustBeFourToTenDigits(String code) {
        try (Notifier notifier = notifier(Map.of())) {
            InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                    () -> SmsPasscodes.of(notifier).send("a", "+15550101234", code, Duration.ofMinutes(10)));

            assertThat(e.problems()).extracting(Problem::key).containsExactly("code");
            if (code != null && !code.isEmpty()) {
                assertThat(e.getMessage()).doesNotContain(code);
            }
            assertThat(Outbox.of(notifier).isEmpty()).isTrue();
        }
    }

    @Test
    void validityUnderAMinuteIsRefused() {
        try (Notifier notifier = notifier(Map.of())) {
            SmsPasscodes passcodes = SmsPasscodes.of(notifier);

            assertThatThrownBy(() -> passcodes.text("1234", Duration.ofSeconds(59)))
                    .isInstanceOfSatisfying(InvalidMessageException.class,
                            e -> assertThat(e.problems()).extracting(Problem::key).containsExactly("validity"));
            assertThatThrownBy(() -> passcodes.text("1234", null)).isInstanceOf(InvalidMessageException.class);
        }
    }

    @Test
    void sendsThePasscodeThroughTheServersGateway() {
        try (Notifier notifier = gatewayNotifier(Map.of("servers.eu-1.sms.email-gateway.destination-domain",
                "eu.gateway.example"))) {
            SendResult result = SmsPasscodes.of(notifier).send("eu-1", "+1 (555) 010-1234", "424242",
                    Duration.ofMinutes(15));

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.server()).contains("eu-1");
            assertThat(Outbox.of(notifier).emailsTo("15550101234@eu.gateway.example")).singleElement()
                    .satisfies(email -> assertThat(email.text())
                            .contains("Your passcode is 424242. It expires in 15 min."));
        }
    }

    @Test
    void sendsThePasscodeWithTheGlobalSettings() {
        try (Notifier notifier = gatewayNotifier(Map.of())) {
            SendResult result = SmsPasscodes.of(notifier).sendGlobal("+44 20 7946 0958", "0042", Duration.ofMinutes(5));

            assertThat(result.server()).isEmpty();
            assertThat(result.details()).containsEntry("sms.gateway-address", "442079460958@" + GATEWAY_DOMAIN);
        }
    }

    @Test
    void templateLongerThanTheServersLimitIsRefusedBeforeSending() {
        try (Notifier notifier = gatewayNotifier(Map.of())) {
            SmsPasscodes verbose = SmsPasscodes.of(notifier).withTemplate("Your code is {code}. " + "Thanks! ".repeat(20));

            InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                    () -> verbose.sendGlobal("+15550101234", "1234", Duration.ofMinutes(5)));

            assertThat(e.problems()).extracting(Problem::key).containsExactly("text");
            assertThat(Outbox.of(notifier).isEmpty()).isTrue();
        }
    }
}
