package dev.notify.internal;

/** Checks for text that ends up in a header, an SMTP command or a host name. */
public final class HeaderText {

    private HeaderText() {
    }

    /**
     * Describes the first character that must never reach a header, or returns null: every control character
     * (CR, LF, NUL, TAB and the C1 range) and the Unicode line and paragraph separators. Non-ASCII text passes:
     * providers encode it (RFC 2047 / RFC 2231) before it reaches the wire.
     */
    public static String forbiddenCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                return describe(c, i);
            }
        }
        return null;
    }

    /**
     * Like {@link #forbiddenCharacter}, and also refuses the bidirectional control characters (U+202A-U+202E,
     * U+2066-U+2069, U+200E, U+200F, U+061C), with which a display name can show its text reordered
     * ("moc.elpmaxe" read as "example.com"). For display names, which mail clients show next to the address.
     */
    public static String forbiddenInDisplayName(String text) {
        String forbidden = forbiddenCharacter(text);
        return forbidden != null ? forbidden : bidiControl(text);
    }

    private static String bidiControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
                    || c == '\u061C') {
                return String.format("must not contain the bidirectional control character U+%04X (at index %d)", (int) c, i);
            }
        }
        return null;
    }

    /**
     * Like {@link #forbiddenInDisplayName}, and also refuses characters whose low byte is CR or LF, which a transport
     * that truncates chars to bytes would turn into a line break inside an SMTP command (the CVE-2025-7962
     * class). For addresses, which go into commands unencoded.
     */
    public static String forbiddenInAddress(String text) {
        String forbidden = forbiddenInDisplayName(text);
        if (forbidden != null) {
            return forbidden;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF && ((c & 0xFF) == '\r' || (c & 0xFF) == '\n')) {
                return describe(c, i) + ", which a transport could truncate to a line break";
            }
        }
        return null;
    }

    private static String describe(char c, int index) {
        String name = switch (c) {
            case '\r' -> "a carriage return (CR)";
            case '\n' -> "a line feed (LF)";
            case '\t' -> "a tab";
            case '\0' -> "a NUL character";
            default -> String.format("the character U+%04X", (int) c);
        };
        return "must not contain " + name + " (at index " + index + ")";
    }
}
