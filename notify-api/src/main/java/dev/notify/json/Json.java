package dev.notify.json;

/**
 * Reads and writes JSON (RFC 8259).
 *
 * <p>{@link #parse(String)} is strict (one value, no comments, trailing commas, single quotes or leading zeros)
 * and bounded, so that any text, however hostile, costs at most time and memory proportional to
 * {@link #MAX_TEXT}: objects become {@code Map<String, Object>} in document order (a repeated key keeps its last
 * value), arrays {@code List<Object>}, numbers {@link JsonNumber} (kept as their text, never expanded), and
 * strings, booleans and {@code null} themselves. The only exception it throws is {@link JsonException}.
 *
 * <p>{@link #write(Object)} writes those types and Java's numbers; strings are escaped so that any Java string
 * (lone surrogates included) gives valid JSON that shows no control character on a terminal and embeds safely in
 * JavaScript: control characters, U+2028/U+2029 and the Unicode bidirectional controls are written as
 * {@code \\uXXXX}.
 *
 * <p>This class is threadsafe.
 */
public final class Json {

    /** The longest text {@link #parse} reads, in characters. */
    public static final int MAX_TEXT = 4 * 1024 * 1024;
    /** The deepest nesting of objects and arrays {@link #parse} reads. */
    public static final int MAX_DEPTH = 64;
    /** The longest string (key or value) {@link #parse} reads, in characters after unescaping. */
    public static final int MAX_STRING = 1024 * 1024;
    /** The longest number {@link #parse} reads, in characters. */
    public static final int MAX_NUMBER = 1000;

    private Json() {
    }

    /**
     * The value a JSON text holds.
     *
     * @throws JsonException when the text is not JSON or exceeds a limit, saying which and at which character
     */
    public static Object parse(String text) {
        return JsonReader.parse(text);
    }

    /**
     * The compact JSON text of {@code value}: a {@code Map} with string keys, {@code List}, {@code String},
     * {@code Boolean}, {@link JsonNumber}, {@code Integer}, {@code Long}, {@code Short}, {@code Byte},
     * {@code BigInteger}, {@code BigDecimal}, a finite {@code Double} or {@code Float}, or {@code null}.
     *
     * @throws JsonException for a value of another type, a key that is not a string, NaN or infinity
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        JsonWriter.write(value, out);
        return out.toString();
    }

    /** {@code text} as a JSON string, quotes included, escaped as {@link #write} escapes strings. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        JsonWriter.string(text, out);
        return out.toString();
    }
}
