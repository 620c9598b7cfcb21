package dev.notify.sms.internal;

import dev.notify.sms.SmsRecipientFormat;
import java.util.Objects;

/**
 * A phone number in E.164 form, split into its country calling code and national number (digits only).
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param countryCode    the calling code, {@code 1} or {@code 44}
 * @param nationalNumber the number after the calling code, without a trunk prefix
 */
public record PhoneNumber(String countryCode, String nationalNumber) {

    public PhoneNumber {
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(nationalNumber, "nationalNumber");
    }

    /** {@code +15550101234}. */
    public String e164() {
        return "+" + digits();
    }

    /** {@code 15550101234}. */
    public String digits() {
        return countryCode + nationalNumber;
    }

    /** The gateway address's local part in the given format. */
    public String localPart(SmsRecipientFormat format) {
        return switch (format) {
            case E164_DIGITS -> digits();
            case NATIONAL_DIGITS -> nationalNumber;
            case E164_PLUS -> e164();
        };
    }

    @Override
    public String toString() {
        return e164();
    }
}
