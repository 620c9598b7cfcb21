package dev.notify.sms;

import static dev.notify.sms.GatewayNotifiers.GATEWAY_DOMAIN;
import static dev.notify.sms.GatewayNotifiers.notifier;
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
import dev.notify.testkit.Outbox;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsPasscodesTest {

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
        try (Notifier notifier = notifier(Map.of("servers.eu-1.sms.destination-domain", "eu.gateway.example"))) {
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
        try (Notifier notifier = notifier(Map.of())) {
            SendResult result = SmsPasscodes.of(notifier).sendGlobal("+44 20 7946 0958", "0042", Duration.ofMinutes(5));

            assertThat(result.server()).isEmpty();
            assertThat(result.details()).containsEntry("sms.gateway-address", "442079460958@" + GATEWAY_DOMAIN);
        }
    }

    @Test
    void templateLongerThanTheServersLimitIsRefusedBeforeSending() {
        try (Notifier notifier = notifier(Map.of())) {
            SmsPasscodes verbose = SmsPasscodes.of(notifier).withTemplate("Your code is {code}. " + "Thanks! ".repeat(20));

            InvalidMessageException e = catchThrowableOfType(InvalidMessageException.class,
                    () -> verbose.sendGlobal("+15550101234", "1234", Duration.ofMinutes(5)));

            assertThat(e.problems()).extracting(Problem::key).containsExactly("text");
            assertThat(Outbox.of(notifier).isEmpty()).isTrue();
        }
    }
}
