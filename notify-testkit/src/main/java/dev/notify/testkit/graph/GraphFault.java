package dev.notify.testkit.graph;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the {@link GraphServerExtension} answers a sendMail request with instead of {@code 202 Accepted}:
 * throttling, an expired token, an outage, or a Graph error code such as {@code ErrorAccessDenied}.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class GraphFault {

    private final int status;
    private final Map<String, String> headers;
    private final String code;
    private final String message;

    private GraphFault(int status, Map<String, String> headers, String code, String message) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.code = Objects.requireNonNull(code, "code");
        this.message = Objects.requireNonNull(message, "message");
    }

    /** {@code 429 Too Many Requests} with {@code Retry-After} in whole seconds. */
    public static GraphFault throttled(Duration retryAfter) {
        return throttled(String.valueOf(retryAfter.toSeconds()));
    }

    /** {@code 429 Too Many Requests} with a {@code Retry-After} header written as given (seconds or an HTTP date). */
    public static GraphFault throttled(String retryAfterHeader) {
        return error(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.")
                .withHeader("Retry-After", retryAfterHeader);
    }

    /** {@code 401 Unauthorized}: the access token expired or was revoked. */
    public static GraphFault unauthorized() {
        return error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
    }

    /** {@code 503 Service Unavailable} without {@code Retry-After}. */
    public static GraphFault serviceUnavailable() {
        return error(503, "ServiceUnavailable", "Service unavailable.");
    }

    /** {@code 504 Gateway Timeout}. */
    public static GraphFault gatewayTimeout() {
        return error(504, "GatewayTimeout", "The gateway did not receive a timely response.");
    }

    /** Any status with a Graph error body {@code {"error":{"code":..,"message":..}}}. */
    public static GraphFault error(int status, String code, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400-599, was " + status);
        }
        return new GraphFault(status, Map.of(), code, message);
    }

    /** The same fault with one more response header. */
    public GraphFault withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new GraphFault(status, more, code, message);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The Graph error code, {@code ErrorAccessDenied}. */
    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "GraphFault[" + status + " " + code + "]";
    }
}
