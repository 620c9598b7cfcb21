package dev.notify.sms.internal;

import java.util.Set;

/**
 * The length of the country calling code at the start of an international number. Calling codes are
 * prefix-free: 1 (North America) and 7 (Russia, Kazakhstan) have one digit, the 44 codes in {@link #TWO_DIGIT}
 * have two, and every other code has three (ITU-T E.164 assignment list).
 *
 * <p>This class is threadsafe.
 */
final class CallingCodes {

    private static final Set<String> TWO_DIGIT = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48",
            "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
            "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private CallingCodes() {
    }

    /** The number of leading digits of {@code digits} (at least two, not starting with 0) that are the calling code. */
    static int length(String digits) {
        char first = digits.charAt(0);
        if (first == '1' || first == '7') {
            return 1;
        }
        return TWO_DIGIT.contains(digits.substring(0, 2)) ? 2 : 3;
    }
}
