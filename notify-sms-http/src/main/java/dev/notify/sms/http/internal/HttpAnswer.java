package dev.notify.sms.http.internal;

import dev.notify.json.JsonObject;
import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's answer to one request: status, headers and (at most the first 64 KiB of) the body.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param status    the HTTP status code
 * @param headers   the response headers
 * @param body      the body as text, possibly cut
 * @param truncated whether the body was longer than what was read
 */
public record HttpAnswer(int status, HttpHeaders headers, String body, boolean truncated) {

    public HttpAnswer {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** 429 or any 5xx: the service is overloaded or failing, and a later attempt may succeed. */
    public boolean isTransient() {
        return status == 429 || status >= 500;
    }

    /** The body, as JSON, when it is a JSON object. */
    public Optional<JsonObject> json() {
        return truncated ? Optional.empty() : JsonObject.parse(body);
    }
}
