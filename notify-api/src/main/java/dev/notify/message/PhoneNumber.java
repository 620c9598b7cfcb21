package dev.notify.message;

import dev.notify.InvalidMessageException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import java.util.Objects;

/**
 * A phone number in E.164 form, read from what a person typed: {@code +1 (555) 010-1234}, {@code 0049 30 1234567},
 * or a national number such as {@code 555.010.1234} with the server's {@code sms.default-country-code}. SMS
 * providers parse every {@link SmsMessage#phoneNumber()} with it before anything is sent.
 *
 * <p>The rules, in order:
 * <ul>
 *   <li>Only digits, spaces and {@code + ( ) . -} are allowed; {@code +} only as the first character;
 *       parentheses must pair up and not nest.</li>
 *   <li>International numbers start with {@code +}, with the international prefix {@code 00}, or, when the
 *       default country code is 1, with {@code 011}. A {@code (0)} in them ({@code +44 (0)20 7946 0958}) is the
 *       national trunk prefix written for local callers and is dropped.</li>
 *   <li>Any other number is national and needs a default country code. Its trunk prefix is dropped: a
 *       leading {@code 0}, except in Italy (39) where it belongs to the number, and for country code 1 a
 *       leading {@code 1} before ten digits.</li>
 *   <li>The result has 7 to 15 digits (E.164's maximum), country code included, and does not start with
 *       {@code 0}; numbers with country code 1 have ten digits after it.</li>
 *   <li>The country calling code is assigned in ITU-T E.164: a spare code such as {@code +999} is refused. Its
 *       length (1 for North America, 2 or 3 otherwise) comes from the calling code plan and decides where the
 *       {@linkplain #nationalNumber() national number} starts.</li>
 * </ul>
 *
 * <p>This class is immutable and threadsafe.
 */
public final class PhoneNumber {

    /** The message field parse errors name. */
    public static final String FIELD = "phone-number";

    private final String countryCode;
    private final String nationalNumber;

    PhoneNumber(String countryCode, String nationalNumber) {
        this.countryCode = Objects.requireNonNull(countryCode, "countryCode");
        this.nationalNumber = Objects.requireNonNull(nationalNumber, "nationalNumber");
    }

    /**
     * Parses an international number, written with {@code +} or {@code 00}.
     *
     * @throws InvalidMessageException naming {@value #FIELD} when the text is not a usable phone number
     */
    public static PhoneNumber parse(String typed) {
        return PhoneNumberParser.parse(typed, null);
    }

    /**
     * Parses a number; one typed without a country code gets {@code defaultCountryCode}.
     *
     * @throws InvalidMessageException naming {@value #FIELD} when the text is not a usable phone number, or when
     *     it needs the default country code and that is not assigned
     */
    public static PhoneNumber parse(String typed, int defaultCountryCode) {
        return PhoneNumberParser.parse(typed, defaultCountryCode);
    }

    /**
     * Parses a number with a server's settings: one typed without a country code gets
     * {@code sms.default-country-code}, and is refused when that key has no value.
     *
     * @throws InvalidMessageException naming {@value #FIELD} when the text is not a usable phone number
     */
    public static PhoneNumber parse(String typed, ResolvedSettings settings) {
        return PhoneNumberParser.parse(typed, settings.find(SettingKeys.SMS_DEFAULT_COUNTRY_CODE).orElse(null));
    }

    /** Whether {@code code} ({@code 44}, not {@code +44}) is a country calling code that ITU-T E.164 assigns. */
    public static boolean isAssignedCallingCode(int code) {
        return code > 0 && CallingCodes.isAssigned(Integer.toString(code));
    }

    /** The country calling code, {@code 1} or {@code 44}, without {@code +}. */
    public String countryCode() {
        return countryCode;
    }

    /** The number after the calling code, without a trunk prefix: {@code 2079460958} for {@code +44 20 7946 0958}. */
    public String nationalNumber() {
        return nationalNumber;
    }

    /** {@code +15550101234}. */
    public String e164() {
        return "+" + digits();
    }

    /** The E.164 number without {@code +}: {@code 15550101234}, as some services want it. */
    public String digits() {
        return countryCode + nationalNumber;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhoneNumber other && countryCode.equals(other.countryCode)
                && nationalNumber.equals(other.nationalNumber);
    }

    @Override
    public int hashCode() {
        return Objects.hash(countryCode, nationalNumber);
    }

    /** {@link #e164()}. */
    @Override
    public String toString() {
        return e164();
    }
}
