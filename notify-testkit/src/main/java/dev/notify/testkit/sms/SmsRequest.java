package dev.notify.testkit.sms;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request an SMS service stub received, decoded for assertions.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param endpoint   what the stub took it for
 * @param method     {@code POST}, {@code GET}
 * @param path       the path with its query, as sent
 * @param headers    the headers, the first value of each, names in lower case
 * @param body       the body exactly as received
 * @param parameters the decoded body: the fields of a form, or the leaves of a JSON body by path
 *                   ({@code messages[0].destinations[0].to})
 */
public record SmsRequest(Endpoint endpoint, String method, String path, Map<String, String> headers, String body,
        Map<String, String> parameters) {

    /** Which of the service's endpoints a request was for. */
    public enum Endpoint {
        /** The send endpoint: Twilio's Messages.json, Vonage's /sms/json, Infobip's text/advanced, the webhook. */
        SEND,
        /** The read-only endpoint {@code check} uses: the account, the balance, the health URL. */
        CHECK,
        /** Any other path: a provider that calls the wrong endpoint. */
        UNKNOWN
    }

    public SmsRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        parameters = Map.copyOf(parameters);
    }

    /** A header's first value, by a name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A decoded body field. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** The method, path and field names; never header or field values, which carry credentials. */
    @Override
    public String toString() {
        return "SmsRequest[" + endpoint + " " + method + " " + path + ", fields " + parameters.keySet() + "]";
    }
}
