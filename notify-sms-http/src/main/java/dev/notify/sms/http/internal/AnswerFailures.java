package dev.notify.sms.http.internal;

import dev.notify.DeliveryException;
import dev.notify.NotifyException;
import dev.notify.PermanentDeliveryException;
import dev.notify.Problem;
import dev.notify.RejectedRecipient;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.PhoneNumber;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.spi.RetryAfter;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a service's answer that is not an acceptance into the exception that classes it: 429 and 5xx transient
 * (with {@code Retry-After}), 401 and 403 a settings error naming the credential keys, 404 and redirects a
 * settings error naming the URL, an unreadable answer transient, and otherwise what the service's code means.
 * Every text taken from the server is redacted and cut.
 *
 * <p>This class is immutable and threadsafe.
 */
final class AnswerFailures {

    /** How much of an unreadable body an exception quotes. */
    static final int EXCERPT = 200;
    /** How much of a service's error code an exception quotes. */
    static final int CODE = 64;

    private final SmsService service;
    private final ResolvedSettings settings;
    private final Redactor redactor;
    private final Clock clock;

    AnswerFailures(SmsService service, ResolvedSettings settings, Redactor redactor, Clock clock) {
        this.service = service;
        this.settings = settings;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** The failure an answer to a send means. */
    NotifyException of(HttpAnswer answer, SendAnswer read, PhoneNumber number) {
        int status = answer.status();
        String said = said(answer, read);
        if (answer.isTransient()) {
            return new TransientDeliveryException(service.name() + " could not take the SMS now (" + said
                    + "); a later attempt may succeed", details(answer), null);
        }
        NotifyException settingsFailure = settingsFailure(answer, said);
        if (settingsFailure != null) {
            return settingsFailure;
        }
        if (!(read instanceof SendAnswer.Refused refused)) {
            return new TransientDeliveryException(service.name() + " answered HTTP " + status + " with something that "
                    + "cannot be read" + (answer.isSuccess() ? "; whether it took the SMS is unknown" : "") + ": "
                    + excerpt(answer), details(answer), null);
        }
        ServiceError error = refused.error();
        String message = service.name() + " refused the SMS (" + said + "): " + error.advice();
        return switch (error.kind()) {
            case TRANSIENT -> new TransientDeliveryException(service.name() + " could not take the SMS now (" + said
                    + "): " + error.advice(), details(answer), null);
            case CREDENTIALS -> credentials(said);
            case PERMANENT -> new PermanentDeliveryException(message, details(answer).rejectedRecipients(
                    error.aboutRecipient() ? List.of(new RejectedRecipient(number.e164(), status, message, false))
                            : List.of()), null);
        };
    }

    /** The settings error a 401, 403, 404 or redirect means, or null for any other answer. */
    SettingsException settingsFailure(HttpAnswer answer, String said) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            return credentials(said);
        }
        if (status == 404) {
            return problems(service.endpointKeys(), service.name() + " has no such endpoint (" + said + "): check "
                    + keyList(service.endpointKeys()));
        }
        if (status >= 300 && status < 400) {
            List<SettingKey<?>> keys = service.endpointKeys();
            String location = answer.header("Location").map(l -> redactor.excerpt(l, EXCERPT)).orElse("another address");
            String first = service.name() + " redirects to " + location + " (HTTP " + status + "); redirects are not "
                    + "followed: set the address it redirects to in " + keyList(keys);
            List<Problem> problems = new java.util.ArrayList<>();
            problems.add(settings.problem(keys.get(0), first));
            keys.subList(1, keys.size()).forEach(k -> problems.add(settings.problem(k, service.name()
                    + " redirects (HTTP " + status + "); see " + settings.fullKey(keys.get(0)))));
            return new SettingsException(problems);
        }
        return null;
    }

    SettingsException credentials(String said) {
        return problems(service.credentialKeys(), service.name() + " refused the credentials (" + said + "): check "
                + keyList(service.credentialKeys()));
    }

    /** What the service said, for a message: {@code HTTP 400, error 21211: The 'To' number ... is not valid}. */
    String said(HttpAnswer answer, SendAnswer read) {
        String http = "HTTP " + answer.status();
        if (read instanceof SendAnswer.Refused refused) {
            String words = refused.message().isBlank() ? "" : ": " + redactor.excerpt(refused.message(), EXCERPT);
            return http + (refused.code().isBlank() ? "" : ", " + redactor.excerpt(refused.code(), CODE)) + words;
        }
        return answer.body().isBlank() || answer.isSuccess() ? http : http + ": " + excerpt(answer);
    }

    String excerpt(HttpAnswer answer) {
        return answer.body().isBlank() ? "an empty body" : "'" + redactor.excerpt(answer.body(), EXCERPT) + "'";
    }

    private DeliveryException.Details details(HttpAnswer answer) {
        DeliveryException.Details details = DeliveryException.Details.of().replyCode(answer.status());
        return answer.header("Retry-After").flatMap(h -> RetryAfter.parse(h, clock.instant()))
                .map(details::retryAfter).orElse(details);
    }

    private SettingsException problems(List<SettingKey<?>> keys, String message) {
        List<Problem> problems = keys.stream().map(k -> settings.problem(k, message)).toList();
        return new SettingsException(problems);
    }

    private String keyList(List<SettingKey<?>> keys) {
        List<String> names = keys.stream().map(settings::fullKey).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
                + " and " + names.get(names.size() - 1);
    }
}
