package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.PhoneNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmsRecipientFormatTest {

    @ParameterizedTest
    @EnumSource(SmsRecipientFormat.class)
    void localPartFollowsTheRecipientFormat(SmsRecipientFormat format) {
        PhoneNumber number = PhoneNumber.parse("+44 20 7946 0958");

        String expected = switch (format) {
            case E164_DIGITS -> "442079460958";
            case NATIONAL_DIGITS -> "2079460958";
            case E164_PLUS -> "+442079460958";
        };
        assertThat(format.localPart(number)).isEqualTo(expected);
    }
}
