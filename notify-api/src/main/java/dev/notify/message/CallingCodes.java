package dev.notify.message;

import java.util.Set;

/**
 * The country calling codes of the ITU-T E.164 assignment list. Calling codes are prefix-free: 1 (North America)
 * and 7 (Russia, Kazakhstan) have one digit, the 44 codes in {@link #TWO_DIGIT} have two, and every other code
 * has three. Of those, {@link #THREE_DIGIT} holds the codes assigned to a country, a territory or a global
 * service, and those reserved for a country (886, 970, 997); spare codes (999, 28x) and codes reserved for
 * other purposes (875-877, 879, 969) are not assigned.
 *
 * <p>This class is threadsafe.
 */
final class CallingCodes {

    private static final Set<String> TWO_DIGIT = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48",
            "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
            "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private static final Set<String> THREE_DIGIT = Set.of(
            "211", "212", "213", "216", "218",
            "220", "221", "222", "223", "224", "225", "226", "227", "228", "229",
            "230", "231", "232", "233", "234", "235", "236", "237", "238", "239",
            "240", "241", "242", "243", "244", "245", "246", "247", "248", "249",
            "250", "251", "252", "253", "254", "255", "256", "257", "258",
            "260", "261", "262", "263", "264", "265", "266", "267", "268", "269",
            "290", "291", "297", "298", "299",
            "350", "351", "352", "353", "354", "355", "356", "357", "358", "359",
            "370", "371", "372", "373", "374", "375", "376", "377", "378", "379",
            "380", "381", "382", "383", "385", "386", "387", "388", "389",
            "420", "421", "423",
            "500", "501", "502", "503", "504", "505", "506", "507", "508", "509",
            "590", "591", "592", "593", "594", "595", "596", "597", "598", "599",
            "670", "672", "673", "674", "675", "676", "677", "678", "679",
            "680", "681", "682", "683", "685", "686", "687", "688", "689",
            "690", "691", "692",
            "800", "808", "850", "852", "853", "855", "856",
            "870", "878", "880", "881", "882", "883", "886", "888",
            "960", "961", "962", "963", "964", "965", "966", "967", "968",
            "970", "971", "972", "973", "974", "975", "976", "977", "979",
            "991", "992", "993", "994", "995", "996", "997", "998");

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

    /** Whether {@code code}, digits without {@code +}, is an assigned country calling code. */
    static boolean isAssigned(String code) {
        return code.equals("1") || code.equals("7") || TWO_DIGIT.contains(code) || THREE_DIGIT.contains(code);
    }
}
