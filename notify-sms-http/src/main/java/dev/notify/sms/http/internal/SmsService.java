package dev.notify.sms.http.internal;

import dev.notify.CheckReport;
import dev.notify.json.JsonNumber;
import dev.notify.settings.SettingKey;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One HTTP SMS service's API: how a send and a read-only check are requested, and what its answers mean. The
 * {@link HttpSmsSender} does the rest alike for every service: numbers, lengths, the HTTP exchange, failure
 * classes, results. Built from one server's settings.
 *
 * <p>Implementations are immutable and threadsafe.
 */
public interface SmsService {

    /** The service's name in messages: {@code Twilio}. */
    String name();

    /** The request that sends {@code sms}: method, URI, authentication, body. */
    HttpRequest.Builder send(HttpExchange http, OutgoingSms sms);

    /**
     * Reads an answer, whatever its status: accepted (a 2xx to a send), refused with the service's code and words,
     * or unreadable. The sender classes 429, 5xx, 401, 403 and 404 by their status alone and quotes the code.
     */
    SendAnswer read(HttpAnswer answer);

    /** A read-only request that proves the credentials (an account fetch, a balance), or empty when there is none. */
    Optional<HttpRequest.Builder> probe(HttpExchange http);

    /**
     * Adds what a successful probe answer says to the report, or a failure when it shows a problem; every text
     * from the answer goes through {@code redactor}'s {@link Redactor#excerpt excerpt}.
     */
    void probed(HttpAnswer answer, Redactor redactor, CheckReport.Builder report);

    /** Adds the settings a check shows (never a secret) to the report. */
    void describe(CheckReport.Builder report);

    /** The keys to name when the service refuses the credentials (401, 403). */
    List<SettingKey<?>> credentialKeys();

    /** The keys to name when the service has no such endpoint (404) or redirects elsewhere. */
    List<SettingKey<?>> endpointKeys();

    /** The secret values this service's requests carry, in every form they are sent, to mask in server text. */
    Collection<String> secrets();

    /** An error code as an {@code int}: empty for a number that is not a whole number within int's range. */
    static Optional<Integer> code(JsonNumber number) {
        OptionalInt code = number.intValue();
        return code.isPresent() ? Optional.of(code.getAsInt()) : Optional.empty();
    }

    /** An account balance: empty for a number with more than 15 digits before the point or 10 after it. */
    static Optional<BigDecimal> balance(JsonNumber number) {
        return number.decimal(15, 10);
    }
}
