package dev.notify.message;

import dev.notify.InvalidMessageException;

/** Reads phone numbers as people type them; {@link PhoneNumber} documents the rules. This class is threadsafe. */
final class PhoneNumberParser {

    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 15;

    private PhoneNumberParser() {
    }

    /**
     * @param defaultCountryCode the calling code for numbers typed without one, or null when there is none
     * @throws InvalidMessageException naming {@code phone-number} when the text is not a usable phone number
     */
    static PhoneNumber parse(String text, Integer defaultCountryCode) {
        if (text == null || text.isBlank()) {
            throw invalid("must not be empty");
        }
        String typed = text.strip();
        checkCharacters(typed);
        String digits = internationalDigits(typed, defaultCountryCode);
        if (digits.length() > MAX_DIGITS) {
            throw invalid("has " + digits.length() + " digits with its country code; an international (E.164) "
                    + "number has at most " + MAX_DIGITS + ", was '" + typed + "'");
        }
        if (digits.length() < MIN_DIGITS) {
            throw invalid("has only " + digits.length() + " digits with its country code; a phone number has at least "
                    + MIN_DIGITS + ", was '" + typed + "'");
        }
        if (digits.charAt(0) == '0') {
            throw invalid("has no valid country code: country codes never start with 0, was '" + typed + "'");
        }
        int codeLength = CallingCodes.length(digits);
        PhoneNumber number = new PhoneNumber(digits.substring(0, codeLength), digits.substring(codeLength));
        if (!CallingCodes.isAssigned(number.countryCode())) {
            throw unassigned("+" + number.countryCode(), typed);
        }
        if (number.countryCode().equals("1") && number.nationalNumber().length() != 10) {
            throw invalid("numbers with country code 1 (North America) have 10 digits after it, this one has "
                    + number.nationalNumber().length() + ", was '" + typed + "'");
        }
        return number;
    }

    private static void checkCharacters(String typed) {
        int depth = 0;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (Character.isLetter(c)) {
                throw invalid("must not contain letters, was '" + typed + "'");
            }
            if (c == '+' && i > 0) {
                throw invalid("may have '+' only as its first character, was '" + typed + "'");
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (!(c >= '0' && c <= '9') && " +.-".indexOf(c) < 0) {
                throw invalid("may contain only digits, spaces and + ( ) . -, was '" + typed + "'");
            }
            if (depth < 0 || depth > 1) {
                throw invalid("has unmatched or nested parentheses, was '" + typed + "'");
            }
        }
        if (depth != 0) {
            throw invalid("has unmatched or nested parentheses, was '" + typed + "'");
        }
    }

    private static String internationalDigits(String typed, Integer defaultCountryCode) {
        String withoutTrunk = digitsOf(typed.replace("(0)", ""));
        if (typed.startsWith("+")) {
            return withoutTrunk;
        }
        if (withoutTrunk.startsWith("00")) {
            return withoutTrunk.substring(2);
        }
        if (Integer.valueOf(1).equals(defaultCountryCode) && withoutTrunk.startsWith("011")) {
            return withoutTrunk.substring(3);
        }
        if (defaultCountryCode == null) {
            throw invalid("has no country code: write it with + or 00 and the country code (+44 20 7946 0958), "
                    + "or set sms.default-country-code, was '" + typed + "'");
        }
        if (!CallingCodes.isAssigned(defaultCountryCode.toString())) {
            throw unassigned("+" + defaultCountryCode + " (sms.default-country-code)", typed);
        }
        return defaultCountryCode + withoutNationalTrunkPrefix(digitsOf(typed), defaultCountryCode);
    }

    private static String withoutNationalTrunkPrefix(String national, int countryCode) {
        if (countryCode == 1) {
            return national.length() == 11 && national.startsWith("1") ? national.substring(1) : national;
        }
        if (countryCode != 39 && national.startsWith("0")) {
            return national.substring(1);
        }
        return national;
    }

    private static String digitsOf(String s) {
        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static InvalidMessageException unassigned(String code, String typed) {
        return invalid("has the country calling code " + code + ", which is not assigned to any country or service "
                + "(ITU-T E.164), was '" + typed + "'");
    }

    private static InvalidMessageException invalid(String message) {
        return new InvalidMessageException(PhoneNumber.FIELD, message);
    }
}
