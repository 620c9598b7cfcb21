package dev.notify.message;

/**
 * How an SMS text is encoded, and so how much fits in one segment; {@link SmsLength} tells which one a text needs.
 *
 * <p>This enum is threadsafe.
 */
public enum SmsEncoding {
    /** The GSM 03.38 7-bit alphabet: 160 septets in one segment, 153 per segment when split. */
    GSM_7("gsm-7", "GSM-7 characters", 160, 153),
    /** UCS-2 (UTF-16 code units): 70 in one segment, 67 per segment when split. */
    UCS_2("ucs-2", "UCS-2 units", 70, 67);

    private final String id;
    private final String units;
    private final int single;
    private final int perPart;

    SmsEncoding(String id, String units, int single, int perPart) {
        this.id = id;
        this.units = units;
        this.single = single;
        this.perPart = perPart;
    }

    /** {@code gsm-7} or {@code ucs-2}. */
    public String id() {
        return id;
    }

    /** What its units are called in messages: {@code GSM-7 characters}, {@code UCS-2 units}. */
    public String unitName() {
        return units;
    }

    /** Units that fit in a text of one segment. */
    public int singleSegmentUnits() {
        return single;
    }

    /** Units per segment of a text split into several (the rest of each holds the concatenation header). */
    public int unitsPerPart() {
        return perPart;
    }

    /** The most units a text of {@code segments} segments holds. */
    public int capacity(int segments) {
        return segments == 1 ? single : perPart * segments;
    }
}
