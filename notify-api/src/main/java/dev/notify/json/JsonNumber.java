package dev.notify.json;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A JSON number as the text that wrote it ({@code 21211}, {@code -2.5e3}, {@code 1e999999999}). It is never
 * expanded: a caller asks for a value of the size its field allows ({@link #intValue()},
 * {@link #decimal(int, int)}), and a number outside that size is empty rather than huge, cut or wrapped around.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class JsonNumber {

    private final String text;

    /**
     * A number from its JSON text.
     *
     * @throws JsonException when {@code text} is not one JSON number of at most {@link Json#MAX_NUMBER} characters
     */
    public static JsonNumber of(String text) {
        Object value = Json.parse(Objects.requireNonNull(text, "text"));
        if (value instanceof JsonNumber number && number.text.equals(text)) {
            return number;
        }
        throw new JsonException("not a JSON number", 1);
    }

    JsonNumber(String text) {
        this.text = text;
    }

    /** The number exactly as the JSON text wrote it. */
    public String text() {
        return text;
    }

    /** The number as an {@code int} when it is a whole number from {@code Integer.MIN_VALUE} to {@code MAX_VALUE}. */
    public OptionalInt intValue() {
        Optional<BigDecimal> value = decimal(10, 0);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(value.get().intValueExact());
        } catch (ArithmeticException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The number as a decimal when it has at most {@code maxIntegerDigits} digits before the point and
     * {@code maxFractionDigits} after it (trailing zeros not counted), so that its plain text is short.
     */
    public Optional<BigDecimal> decimal(int maxIntegerDigits, int maxFractionDigits) {
        BigDecimal value;
        try {
            value = new BigDecimal(text).stripTrailingZeros();
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
        if (value.signum() == 0) {
            return Optional.of(BigDecimal.ZERO);
        }
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > maxIntegerDigits || value.scale() > maxFractionDigits) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonNumber n && n.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** {@link #text()}. */
    @Override
    public String toString() {
        return text;
    }
}
