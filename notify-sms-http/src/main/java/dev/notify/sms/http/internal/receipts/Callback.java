package dev.notify.sms.http.internal.receipts;

import dev.notify.json.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One status callback as a service sent it: the URL it called (the public one notify gave it), its headers and
 * its body. Immutable.
 *
 * @param method  {@code POST} or {@code GET}
 * @param url     the URL the service called, with its query as received
 * @param headers header values by lower-case name, the first of each
 * @param body    the body as received
 */
public record Callback(String method, URI url, Map<String, String> headers, byte[] body) {

    /** A form field or query parameter, as decoded pairs in the order sent. */
    record Field(String name, String value) {
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isJson() {
        return header("content-type").map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/json")).orElse(false);
    }

    boolean isForm() {
        return header("content-type").map(t -> t.toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")).orElse(false);
    }

    /** The query's parameters. */
    List<Field> query() {
        return decode(url.getRawQuery());
    }

    /** The form body's fields; none when the body is not a form. */
    List<Field> form() {
        return isForm() ? decode(bodyText()) : List.of();
    }

    /** The top-level scalar members of a JSON object body, as text; none when the body is not JSON. */
    List<Field> jsonFields() {
        Map<String, Object> object = jsonObject();
        List<Field> fields = new ArrayList<>();
        object.forEach((name, value) -> {
            if (value != null && !(value instanceof Map) && !(value instanceof List)) {
                fields.add(new Field(name, value.toString()));
            }
        });
        return fields;
    }

    /** The JSON object of the body. */
    @SuppressWarnings("unchecked")
    Map<String, Object> jsonObject() {
        Object parsed;
        try {
            parsed = Json.parse(bodyText());
        } catch (RuntimeException e) {
            throw new UnreadableCallbackException("a body that is not JSON");
        }
        if (!(parsed instanceof Map)) {
            throw new UnreadableCallbackException("a JSON body that is not an object");
        }
        return (Map<String, Object>) parsed;
    }

    static List<Field> decode(String encoded) {
        List<Field> fields = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                fields.add(new Field(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new UnreadableCallbackException("a form field that is not URL-encoded");
            }
        }
        return fields;
    }

    @Override
    public String toString() {
        return "Callback[" + method + " " + url.getRawPath() + ", " + body.length + " bytes]";
    }
}
