package dev.notify.sms.http.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An {@code application/x-www-form-urlencoded} body, fields in the order added, UTF-8.
 *
 * <p>This class is not threadsafe.
 */
public final class FormBody {

    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=UTF-8";

    private final Map<String, String> fields = new LinkedHashMap<>();

    public FormBody add(String name, String value) {
        fields.put(name, value);
        return this;
    }

    /** The encoded body: {@code To=%2B15550101234&Body=Hello+there}. */
    public String encode() {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The field names only, never the values (which may be secrets). */
    @Override
    public String toString() {
        return "FormBody" + fields.keySet();
    }
}
