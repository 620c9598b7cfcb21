package dev.notify.testkit.sms;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure an SMS service stub answers the next send with instead of accepting it, written in that service's
 * own error format: throttling with {@code Retry-After}, a server error, refused credentials, an invalid number,
 * any error code of the service, a slow answer, or a body the service would never send.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class SmsFault {

    /** What the stub does. */
    enum Kind { THROTTLED, SERVER_ERROR, UNAUTHORIZED, INVALID_NUMBER, ERROR, SLOW, RAW, REDIRECT }

    private final Kind kind;
    private final int status;
    private final String code;
    private final String message;
    private final String retryAfter;
    private final Duration delay;
    private final String contentType;

    private SmsFault(Kind kind, int status, String code, String message, String retryAfter, Duration delay,
            String contentType) {
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.message = message;
        this.retryAfter = retryAfter;
        this.delay = delay;
        this.contentType = contentType;
    }

    /** {@code 429 Too Many Requests} with {@code Retry-After} in whole seconds. */
    public static SmsFault throttled(Duration retryAfter) {
        return throttled(Long.toString(requireNotNegative(retryAfter, "retryAfter").toSeconds()));
    }

    /** {@code 429 Too Many Requests} with a {@code Retry-After} header written as given: seconds or an HTTP date. */
    public static SmsFault throttled(String retryAfterHeader) {
        return new SmsFault(Kind.THROTTLED, 429, null, null, Objects.requireNonNull(retryAfterHeader, "retryAfterHeader"),
                Duration.ZERO, null);
    }

    /** {@code 429 Too Many Requests} without {@code Retry-After}. */
    public static SmsFault throttled() {
        return new SmsFault(Kind.THROTTLED, 429, null, null, null, Duration.ZERO, null);
    }

    /** {@code 500 Internal Server Error}. */
    public static SmsFault serverError() {
        return serverError(500);
    }

    /** A 5xx: 500, 502, 503 or 504. */
    public static SmsFault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status must be 500-599, was " + status);
        }
        return new SmsFault(Kind.SERVER_ERROR, status, null, null, null, Duration.ZERO, null);
    }

    /** {@code 401 Unauthorized}, as the service refuses wrong credentials. */
    public static SmsFault unauthorized() {
        return new SmsFault(Kind.UNAUTHORIZED, 401, null, null, null, Duration.ZERO, null);
    }

    /**
     * The service's answer to a number it cannot send to: Twilio {@code 400} with error 21211, Vonage status 3,
     * Infobip status REJECTED_DESTINATION, the webhook {@code 422} with {@code "error":"invalid-number"}.
     */
    public static SmsFault invalidNumber() {
        return new SmsFault(Kind.INVALID_NUMBER, 0, null, null, null, Duration.ZERO, null);
    }

    /**
     * Any error in the service's format: Twilio {@code {"code": <code>, "message": ...}} with {@code status};
     * Vonage a message with {@code "status": <code>} (with HTTP {@code status}, normally 200); Infobip a message
     * status named {@code code} when {@code status} is 200, else a {@code requestError} with that
     * {@code messageId}; the webhook {@code {"error": <code>, "message": ...}}.
     */
    public static SmsFault error(int status, String code, String message) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be 200-599, was " + status);
        }
        return new SmsFault(Kind.ERROR, status, Objects.requireNonNull(code, "code"),
                Objects.requireNonNull(message, "message"), null, Duration.ZERO, null);
    }

    /** Answers normally, but only after {@code delay}: the SMS is accepted even when the client stopped waiting. */
    public static SmsFault slow(Duration delay) {
        return new SmsFault(Kind.SLOW, 0, null, null, null, requireNotNegative(delay, "delay"), null);
    }

    /**
     * Any status with a body written as given, in the charset {@code contentType} names (UTF-8 when it names none),
     * such as an HTML error page from a proxy in front of the service.
     */
    public static SmsFault raw(int status, String contentType, String body) {
        return new SmsFault(Kind.RAW, status, null, Objects.requireNonNull(body, "body"), null, Duration.ZERO,
                Objects.requireNonNull(contentType, "contentType"));
    }

    /** A redirect ({@code 3xx}) to {@code location}, written as given, with an empty body. */
    public static SmsFault redirect(int status, String location) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("status must be 300-399, was " + status);
        }
        return new SmsFault(Kind.REDIRECT, status, null, Objects.requireNonNull(location, "location"), null,
                Duration.ZERO, null);
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String message() {
        return message;
    }

    String retryAfter() {
        return retryAfter;
    }

    Duration delay() {
        return delay;
    }

    String contentType() {
        return contentType;
    }

    private static Duration requireNotNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "SmsFault[" + kind + (status == 0 ? "" : " " + status) + (code == null ? "" : " " + code)
                + (delay.isZero() ? "" : " after " + delay.toMillis() + " ms") + "]";
    }
}
