package dev.notify.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link WebHandler}'s answer: a status, headers (names case-insensitive) and a body. Build one with the
 * factories ({@link #html}, {@link #text}, {@link #json}, {@link #redirect}) and add headers with
 * {@link #withHeader}. {@link #toString()} shows the status only. This class is immutable and threadsafe.
 */
public final class WebResponse {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private WebResponse(int status, Map<String, List<String>> headers, byte[] body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599, was " + status);
        }
        this.status = status;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
    }

    /**
     * A response with a body of the given content type.
     *
     * @param contentType the {@code Content-Type} header, with its charset for text
     */
    public static WebResponse of(int status, String contentType, byte[] body) {
        return new WebResponse(status, Map.of("Content-Type", List.of(Objects.requireNonNull(contentType,
                "contentType"))), Objects.requireNonNull(body, "body").clone());
    }

    /** An HTML page, UTF-8; write it with {@link Html}. */
    public static WebResponse html(int status, Html html) {
        return new WebResponse(status, Map.of("Content-Type", List.of("text/html; charset=utf-8")),
                html.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Plain text, UTF-8. */
    public static WebResponse text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON document, UTF-8; write it with {@link dev.notify.json.Json}. */
    public static WebResponse json(int status, String json) {
        return of(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A {@code 303 See Other} to a location on the same site, the answer to a form post.
     *
     * @param location a path ({@code /admin/servers/eu-1?saved=7}); an absolute URL is refused, so a parameter
     *     can never make a handler redirect elsewhere
     */
    public static WebResponse redirect(String location) {
        Objects.requireNonNull(location, "location");
        if (!location.startsWith("/") || location.startsWith("//") || location.contains("\\")
                || location.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("redirect location must be a path on this site, was '" + location + "'");
        }
        return new WebResponse(303, Map.of("Location", List.of(location)), new byte[0]);
    }

    /** An empty response ({@code 204}, {@code 404}, ...). */
    public static WebResponse empty(int status) {
        return new WebResponse(status, Map.of(), new byte[0]);
    }

    /** The same response with a header value added (after the ones it has). */
    public WebResponse withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, name);
        if ((name + value).chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("header " + name + " must not contain a line break");
        }
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
        values.add(value);
        copy.put(name, values);
        return new WebResponse(status, copy, body);
    }

    /** The same response with a header set to one value, replacing any it had. */
    public WebResponse withHeaderReplaced(String name, String value) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.remove(name);
        return new WebResponse(status, copy, body).withHeader(name, value);
    }

    public int status() {
        return status;
    }

    /** Every header by name, ignoring the case of names. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body's length in bytes. */
    public int length() {
        return body.length;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WebResponse[" + status + "]";
    }
}
