package dev.notify.sms.http.internal;

import dev.notify.CheckReport;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.PhoneNumber;
import dev.notify.message.SmsLength;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.spi.Delivery;
import dev.notify.spi.SmsSender;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends SMS through one HTTP service with one server's settings: normalises the number to E.164, refuses a text
 * longer than {@code sms.max-segments} before any request, makes exactly one request per send, and classes what
 * the service answers. A result means the service accepted the SMS, never that the phone got it.
 *
 * <p>This class is threadsafe.
 */
public final class HttpSmsSender implements SmsSender {

    /** The longest id or status of a service kept in a result. */
    static final int MAX_SERVER_TEXT = 128;

    private final String providerId;
    private final SmsService service;
    private final HttpExchange http;
    private final ResolvedSettings settings;
    private final int maxSegments;
    private final AnswerFailures failures;
    private final Redactor redactor;
    private volatile boolean closed;

    public HttpSmsSender(String providerId, SmsService service, HttpExchange http, ResolvedSettings settings,
            Clock clock) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.service = Objects.requireNonNull(service, "service");
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.maxSegments = settings.get(SettingKeys.SMS_MAX_SEGMENTS);
        this.redactor = Redactor.of(service.secrets());
        this.failures = new AnswerFailures(service, settings, redactor, clock);
    }

    @Override
    public Delivery send(SmsMessage sms) {
        if (closed) {
            throw new IllegalStateException("the " + providerId + " SMS sender is closed");
        }
        PhoneNumber number = PhoneNumber.parse(sms.phoneNumber(), settings);
        SmsLength length = SmsLength.of(sms.text()).requireAtMost(maxSegments);
        String messageId = sms.messageId().orElseThrow(() -> new IllegalArgumentException(
                "the notifier sets a Message-ID before sending; this SmsMessage has none"));
        OutgoingSms outgoing = new OutgoingSms(number, sms.text(), length, messageId);
        HttpAnswer answer = http.send(service.send(http, outgoing).build());
        SendAnswer read = service.read(answer);
        if (answer.isSuccess() && read instanceof SendAnswer.Accepted accepted) {
            return delivery(outgoing, accepted.id().map(this::serverText), accepted.statusText().map(this::serverText),
                    "; not yet delivered to the phone");
        }
        if (answer.isSuccess() && read instanceof SendAnswer.Unreadable) {
            return delivery(outgoing, Optional.empty(), Optional.empty(), " (HTTP " + answer.status() + ", but its "
                    + "answer cannot be read: the service's id for the SMS is unknown); not sent again, since a "
                    + "duplicate SMS reaches the phone twice");
        }
        throw failures.of(answer, read, number);
    }

    /** An id or status from the service, redacted, on one line and at most {@value #MAX_SERVER_TEXT} characters. */
    private String serverText(String text) {
        return redactor.excerpt(text, MAX_SERVER_TEXT);
    }

    private Delivery delivery(OutgoingSms sms, Optional<String> id, Optional<String> status, String outcome) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("sms.e164", sms.number().e164());
        details.put("sms.segments", Integer.toString(sms.length().segments()));
        details.put("sms.encoding", sms.length().encoding().id());
        id.ifPresent(i -> details.put("sms.service-message-id", i));
        status.ifPresent(s -> details.put("sms.service-status", s));
        details.put("sms.outcome", "accepted by " + service.name() + status.map(s -> " (" + s + ")").orElse("")
                + outcome);
        return new Delivery(id.orElse(sms.messageId()), List.of(sms.number().e164()), List.of(), details);
    }

    /**
     * Reports the settings, then proves the credentials with the service's read-only request; sends nothing and
     * never throws for what it finds.
     */
    @Override
    public CheckReport check() {
        CheckReport.Builder report = CheckReport.builder(providerId);
        service.describe(report);
        report.item("sms.max-segments", Integer.toString(maxSegments));
        Optional<HttpRequest.Builder> probe = service.probe(http);
        if (probe.isEmpty()) {
            return report.build();
        }
        HttpAnswer answer;
        try {
            answer = http.send(probe.get().build());
        } catch (TransientDeliveryException e) {
            return report.failure(e.getMessage()).build();
        } catch (SettingsException e) {
            return report.settingsFailure(e.problems()).build();
        }
        if (answer.isSuccess()) {
            service.probed(answer, redactor, report);
            return report.build();
        }
        String said = failures.said(answer, service.read(answer));
        SettingsException settingsFailure = failures.settingsFailure(answer, said);
        if (settingsFailure != null) {
            return report.settingsFailure(settingsFailure.problems()).build();
        }
        return report.failure(service.name() + " answered the check with HTTP " + answer.status() + ": "
                + failures.excerpt(answer)).build();
    }

    /** Stops sending and releases the HTTP client. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            http.close();
        }
    }
}
