package dev.notify.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as a {@link WebHandler} sees it, whatever mounted the handler: the method, the path below the
 * mount, the query and form parameters, the headers (names case-insensitive), the body (already bounded by the
 * mount's limit), the client's address, and the principal the host authenticated, if any. Form parameters are read
 * from an {@code application/x-www-form-urlencoded} body.
 *
 * <p>{@link #toString()} shows the method and path only, never parameters or the body. This class is immutable and
 * threadsafe.
 */
public final class WebRequest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> form;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final String remoteAddress;
    private final Principal principal;
    private final Map<String, Object> attributes;

    private WebRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.rawQuery = b.rawQuery;
        this.query = parse(b.rawQuery);
        this.headers = Collections.unmodifiableMap(copy(b.headers));
        this.body = b.body;
        this.remoteAddress = b.remoteAddress;
        this.principal = b.principal;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        String contentType = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        this.form = contentType.startsWith(FORM) ? parse(new String(body, StandardCharsets.UTF_8)) : Map.of();
    }

    /**
     * Starts a request.
     *
     * @param method the HTTP method, upper case ({@code GET})
     * @param path   the path below the mount, starting with {@code /}, percent-decoded
     */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    public String method() {
        return method;
    }

    /** The path below the mount, starting with {@code /}, percent-decoded. */
    public String path() {
        return path;
    }

    /** The query parameters, each name with its values in order. */
    public Map<String, List<String>> query() {
        return query;
    }

    /** The parameters of a form body ({@code application/x-www-form-urlencoded}); empty for other bodies. */
    public Map<String, List<String>> form() {
        return form;
    }

    /** The first value of a form parameter. */
    public Optional<String> formValue(String name) {
        return first(form, name);
    }

    /** The first value of a query parameter. */
    public Optional<String> queryValue(String name) {
        return first(query, name);
    }

    /** Every header, by name, ignoring the case of names. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, ignoring the case of its name. */
    public Optional<String> header(String name) {
        return first(headers, name);
    }

    /** A cookie's value from the {@code Cookie} headers. */
    public Optional<String> cookie(String name) {
        for (String header : headers.getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                    return Optional.of(pair.substring(eq + 1).strip());
                }
            }
        }
        return Optional.empty();
    }

    /** A copy of the body, at most the mount's limit. */
    public byte[] body() {
        return body.clone();
    }

    /** The client's IP address as text, as the mount saw it (a proxy's address behind a proxy). */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** The user the host authenticated (a servlet container's {@code getUserPrincipal()}), if any. */
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    /** An attribute a mount or an outer handler attached (a servlet request's attributes). */
    public Optional<Object> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** The same request with an attribute added: how an outer handler hands something to an inner one. */
    public WebRequest withAttribute(String name, Object value) {
        Builder b = toBuilder();
        b.attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return b.build();
    }

    /** The same request with another path: how a handler passes the rest of the path to an inner one. */
    public WebRequest withPath(String newPath) {
        return toBuilder(newPath).build();
    }

    private Builder toBuilder() {
        return toBuilder(path);
    }

    private Builder toBuilder(String newPath) {
        Builder b = new Builder(method, newPath);
        b.rawQuery = rawQuery;
        b.headers.putAll(headers);
        b.body = body;
        b.remoteAddress = remoteAddress;
        b.principal = principal;
        b.attributes.putAll(attributes);
        return b;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    private static Optional<String> first(Map<String, List<String>> map, String name) {
        List<String> values = map.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Map<String, List<String>> parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            map.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> map.merge(k, List.copyOf(v), (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        return map;
    }

    /** Collects a request; mounts and tests use it. This class is not threadsafe. */
    public static final class Builder {
        private final String method;
        private final String path;
        private String rawQuery;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private byte[] body = new byte[0];
        private String remoteAddress = "";
        private Principal principal;
        private final Map<String, Object> attributes = new LinkedHashMap<>();

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            Objects.requireNonNull(path, "path");
            this.path = path.startsWith("/") ? path : "/" + path;
        }

        /** The raw query string, without {@code ?}, percent-encoded. */
        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery;
            return this;
        }

        /** Adds a header value. */
        public Builder header(String name, String value) {
            headers.merge(Objects.requireNonNull(name, "name"), List.of(Objects.requireNonNull(value, name)),
                    (a, b) -> {
                        List<String> all = new ArrayList<>(a);
                        all.addAll(b);
                        return all;
                    });
            return this;
        }

        /** The body; the mount has already bounded it. */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body").clone();
            return this;
        }

        public Builder remoteAddress(String address) {
            this.remoteAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The user the host authenticated; null for none. */
        public Builder principal(Principal principal) {
            this.principal = principal;
            return this;
        }

        public Builder attribute(String name, Object value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
            return this;
        }

        public WebRequest build() {
            return new WebRequest(this);
        }
    }
}
