package dev.notify.smtp.internal.dkim;

/**
 * One header field of a message: where it lies in the message bytes, from its name to its final CR LF
 * (continuation lines included), and where its colon is.
 */
record HeaderField(int start, int colon, int end) {

    /** Whether the field's name is {@code name}, ignoring ASCII case and white space before the colon. */
    boolean hasName(byte[] message, String name) {
        int nameEnd = colon;
        while (nameEnd > start && isWsp(message[nameEnd - 1])) {
            nameEnd--;
        }
        if (nameEnd - start != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (lower(message[start + i]) != lower((byte) name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
