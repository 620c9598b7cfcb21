package dev.notify.web;

import java.util.Map;

/**
 * The headers every page and endpoint of notify answers with: a strict Content-Security-Policy (scripts, styles
 * and images from the same origin only, no inline script or style, no framing, forms posting to the same origin),
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer} and {@code Cache-Control:
 * no-store}, so a page that shows settings is never kept by a browser or a proxy. This class is threadsafe.
 */
public final class SecurityHeaders {

    /** The Content-Security-Policy: nothing inline, nothing from another origin, no framing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store",
            "X-Frame-Options", "DENY");

    private SecurityHeaders() {
    }

    /** The response with the security headers set, replacing any of them the response had. */
    public static WebResponse apply(WebResponse response) {
        WebResponse result = response;
        for (Map.Entry<String, String> header : HEADERS.entrySet()) {
            result = result.withHeaderReplaced(header.getKey(), header.getValue());
        }
        return result;
    }

    /** A handler that answers as {@code handler} does, with the security headers on every response. */
    public static WebHandler wrap(WebHandler handler) {
        return request -> apply(handler.handle(request));
    }
}
