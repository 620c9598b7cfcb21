package dev.notify.message;

import dev.notify.InvalidMessageException;
import java.util.Objects;
import java.util.Optional;

/**
 * The encoded length of an SMS text and the number of segments it takes, which every SMS provider checks
 * against {@code sms.max-segments} before it sends anything.
 *
 * <p>A text is GSM-7 when every character is in the GSM 03.38 basic set or its extension table; the extension
 * characters {@code ^ { } \ [ ] ~ | €} (and form feed) take two septets each. A single character outside both
 * switches the whole text to UCS-2, measured in UTF-16 code units (an emoji takes two). A text of up to 160
 * septets (70 UCS-2 units) is one segment; a longer one is split into segments of 153 septets (67 units),
 * and a two-unit character (an extension character, a surrogate pair) is never split across two segments.
 *
 * <pre>{@code
 * SmsLength length = SmsLength.of("Your code is 123456.").requireAtMost(settings.get(SettingKeys.SMS_MAX_SEGMENTS));
 * }</pre>
 *
 * <p>This class is immutable and threadsafe.
 */
public final class SmsLength {

    /** The message field errors name. */
    public static final String FIELD = "text";

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private final SmsEncoding encoding;
    private final int units;
    private final int segments;
    private final String firstNonGsm;

    private SmsLength(SmsEncoding encoding, int units, int segments, String firstNonGsm) {
        this.encoding = encoding;
        this.units = units;
        this.segments = segments;
        this.firstNonGsm = firstNonGsm;
    }

    /** Measures a text. */
    public static SmsLength of(String text) {
        Objects.requireNonNull(text, "text");
        String nonGsm = firstNonGsm(text);
        SmsEncoding encoding = nonGsm == null ? SmsEncoding.GSM_7 : SmsEncoding.UCS_2;
        int total = 0;
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = encoding == SmsEncoding.GSM_7
                    ? (GSM_EXTENSION.indexOf(codePoint) >= 0 ? 2 : 1)
                    : Character.charCount(codePoint);
            total += width;
            if (used + width > encoding.unitsPerPart()) {
                segments++;
                used = 0;
            }
            used += width;
            i += Character.charCount(codePoint);
        }
        return new SmsLength(encoding, total, total <= encoding.singleSegmentUnits() ? 1 : segments, nonGsm);
    }

    /** GSM-7 or UCS-2. */
    public SmsEncoding encoding() {
        return encoding;
    }

    /** Septets for GSM-7, UTF-16 code units for UCS-2. */
    public int units() {
        return units;
    }

    /** The segments the text takes. */
    public int segments() {
        return segments;
    }

    /** For UCS-2, the first character that GSM-7 cannot encode; empty for GSM-7. */
    public Optional<String> firstNonGsm() {
        return Optional.ofNullable(firstNonGsm);
    }

    /**
     * Returns this when the text takes at most {@code maxSegments} segments.
     *
     * @throws InvalidMessageException naming {@value #FIELD}, with the length, encoding, segments and limit
     */
    public SmsLength requireAtMost(int maxSegments) {
        if (segments <= maxSegments) {
            return this;
        }
        String measured = encoding == SmsEncoding.GSM_7
                ? units + " GSM-7 characters (extension characters such as € count twice)"
                : units + " UCS-2 units (UCS-2 because of '" + firstNonGsm + "', which GSM-7 cannot encode; "
                        + "emoji count twice)";
        int capacity = encoding.capacity(maxSegments);
        String boundary = units <= capacity
                ? ", fewer when a character of two units falls on a segment boundary: it cannot be split across segments"
                : "";
        throw new InvalidMessageException(FIELD, "is too long: " + measured + " take " + segments
                + " SMS segments, but sms.max-segments allows " + maxSegments + " (at most " + capacity + " "
                + encoding.unitName() + boundary + "); shorten the text or raise sms.max-segments. Nothing was "
                + "sent, and texts are never truncated.");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmsLength other && encoding == other.encoding && units == other.units
                && segments == other.segments && Objects.equals(firstNonGsm, other.firstNonGsm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(encoding, units, segments, firstNonGsm);
    }

    @Override
    public String toString() {
        return "SmsLength[" + encoding.id() + ", " + units + " " + encoding.unitName() + ", " + segments
                + (segments == 1 ? " segment]" : " segments]");
    }

    private static String firstNonGsm(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (GSM_BASIC.indexOf(codePoint) < 0 && GSM_EXTENSION.indexOf(codePoint) < 0) {
                return new String(Character.toChars(codePoint));
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }
}
