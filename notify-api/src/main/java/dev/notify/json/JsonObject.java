package dev.notify.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed JSON object with lenient typed reads, for answers of services that write the same field as a string
 * in one answer and a number in another (an SMS service's {@code "status":"0"} next to {@code "code":21211}).
 *
 * <p>This class is immutable and threadsafe.
 */
public final class JsonObject {

    private final Map<String, Object> fields;

    private JsonObject(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** The object a JSON text holds; empty when the text is null, not JSON, beyond a limit or not an object. */
    public static Optional<JsonObject> parse(String text) {
        try {
            return text == null ? Optional.empty() : of(Json.parse(text));
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonObject> of(Object value) {
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            return Optional.of(new JsonObject(fields));
        }
        return Optional.empty();
    }

    /**
     * A string, number or boolean field as text (a number as written, never expanded); empty when absent, null,
     * an object or an array.
     */
    public Optional<String> text(String name) {
        Object value = fields.get(name);
        if (value instanceof String || value instanceof Boolean || value instanceof JsonNumber) {
            return Optional.of(value.toString());
        }
        return Optional.empty();
    }

    /** A field that holds an object. */
    public Optional<JsonObject> object(String name) {
        return of(fields.get(name));
    }

    /** The objects in an array field, skipping other elements; empty when the field is not an array. */
    public List<JsonObject> objects(String name) {
        List<JsonObject> out = new ArrayList<>();
        if (fields.get(name) instanceof List<?> list) {
            list.forEach(element -> of(element).ifPresent(out::add));
        }
        return out;
    }

    /** A numeric field, or a string holding exactly one JSON number (surrounding spaces ignored). */
    public Optional<JsonNumber> number(String name) {
        Object value = fields.get(name);
        if (value instanceof JsonNumber number) {
            return Optional.of(number);
        }
        if (value instanceof String s && !s.isBlank() && s.length() <= Json.MAX_NUMBER + 64) {
            try {
                return Optional.of(JsonNumber.of(s.strip()));
            } catch (JsonException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The field names, never their values. */
    @Override
    public String toString() {
        return "JsonObject" + fields.keySet();
    }
}
