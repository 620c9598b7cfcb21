package dev.notify.cli.internal;

import dev.notify.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a command writes: human text, or one JSON document on stdout with {@code --json}. Every text, in lines
 * and in the document alike, goes through {@link #printable(String)}: URL credentials masked, cut at
 * {@value #MAX_TEXT} characters; in lines, control and bidirectional characters escaped so that nothing a
 * service, a file or an argument holds can move the cursor, recolour the terminal or forge a line.
 */
public final class Output {

    /** The most characters of one text (a line, or a string in the JSON document) that are printed. */
    static final int MAX_TEXT = 4000;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final List<String> warnings = new ArrayList<>();

    public Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** A line of human output; nothing with --json. */
    void line(String text) {
        if (!json) {
            out.println(printable(text));
            out.flush();
        }
    }

    /** A line about a failure, on stderr; nothing with --json. */
    void error(String text) {
        if (!json) {
            err.println(printable(text));
            err.flush();
        }
    }

    /** A warning: a line on stderr, or with --json an entry of the document's {@code warnings}. */
    void warning(String text) {
        warnings.add(text);
        error("Warning: " + text);
    }

    /** The JSON document, with {@code warnings} when there were any; nothing without --json. */
    void document(Map<String, Object> document) {
        if (json) {
            Map<String, Object> written = document;
            if (!warnings.isEmpty()) {
                written = new LinkedHashMap<>(document);
                written.put("warnings", List.copyOf(warnings));
            }
            out.println(Json.write(bounded(written)));
            out.flush();
        }
    }

    /**
     * {@code text} as the terminal may show it: URL credentials masked, cut at {@value #MAX_TEXT} characters,
     * and every control character (CR and LF included), DEL, C1 control, line or paragraph separator and
     * bidirectional control written as {@code \n}, {@code \r} or {@code \\uXXXX}; tabs are kept.
     */
    public static String printable(String text) {
        String masked = cut(UrlCredentials.mask(cut(text == null ? "null" : text, 16 * MAX_TEXT)), MAX_TEXT);
        StringBuilder shown = new StringBuilder(masked.length());
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == '\n') {
                shown.append("\\n");
            } else if (c == '\r') {
                shown.append("\\r");
            } else if (c != '\t' && unprintable(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    private static boolean unprintable(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\u200e'
                || c == '\u200f' || c == '\u061c' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text
                : text.substring(0, max) + "... (cut: " + text.length() + " characters in all)";
    }

    /** The document with its strings masked and cut as {@link #printable} does; the JSON writer escapes them. */
    private static Object bounded(Object value) {
        if (value instanceof String s) {
            return cut(UrlCredentials.mask(cut(s, 16 * MAX_TEXT)), MAX_TEXT);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), bounded(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Output::bounded).toList();
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return bounded(value instanceof Enum<?> e ? e.name() : value.toString());
    }
}
