package dev.notify.testkit.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The status callbacks a service stub sends for one SMS it accepted, as the service would: to the callback URL the
 * send gave it, signed with the stub's secrets, in order or shuffled, each once or more, or forged.
 *
 * <pre>{@code
 * SentSms sms = twilio.messages().get(0);
 * List<Integer> answers = twilio.statusCallbacks(sms)          // queued, sending, sent, delivered
 *         .shuffled(new Random(42)).duplicated(2).send();
 * List<Integer> refused = twilio.statusCallbacks(sms).forged().send();   // the host must answer 403
 * }</pre>
 *
 * <p>Start one with {@link SmsServiceExtension#statusCallbacks(SentSms)}; each method returns this builder. This
 * class is not threadsafe; {@link #send()} may be called from any thread once the builder is complete.
 */
public final class StatusCallbacks {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private final SmsServiceExtension stub;
    private final SentSms sms;
    private List<String> statuses;
    private String errorCode;
    private Random shuffle;
    private int copies = 1;
    private boolean forged;
    private boolean messagesApi;
    private Instant signedAt;
    private URI to;

    StatusCallbacks(SmsServiceExtension stub, SentSms sms) {
        this.stub = stub;
        this.sms = Objects.requireNonNull(sms, "sms");
        this.statuses = stub.deliveredStatuses();
    }

    /**
     * The statuses to report, in the service's words and order (Twilio {@code queued, sent, undelivered}; Vonage
     * {@code accepted, delivered}; Infobip the status groups {@code PENDING, DELIVERED}). The default is the
     * service's path to delivered.
     */
    public StatusCallbacks statuses(String... serviceStatuses) {
        if (serviceStatuses.length == 0) {
            throw new IllegalArgumentException("statuses must name at least one status");
        }
        this.statuses = List.of(serviceStatuses);
        return this;
    }

    /** The service's error code the last status carries (Twilio {@code 30007}, Vonage {@code 6}, Infobip {@code 27}). */
    public StatusCallbacks errorCode(String code) {
        this.errorCode = Objects.requireNonNull(code, "code");
        return this;
    }

    /** Sends the callbacks in an order drawn from {@code random}, as a network reorders them. */
    public StatusCallbacks shuffled(Random random) {
        this.shuffle = Objects.requireNonNull(random, "random");
        return this;
    }

    /** Sends each callback {@code copies} times, as a service retries. */
    public StatusCallbacks duplicated(int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, was " + copies);
        }
        this.copies = copies;
        return this;
    }

    /** Signs with a secret that is not the stub's, as a forger would: the host must refuse every callback. */
    public StatusCallbacks forged() {
        this.forged = true;
        return this;
    }

    /** Vonage only: reports as the Messages API does, JSON with a JWT in {@code Authorization: Bearer}. */
    public StatusCallbacks messagesApi() {
        if (!(stub instanceof VonageServerExtension)) {
            throw new UnsupportedOperationException("only Vonage has the Messages API");
        }
        this.messagesApi = true;
        return this;
    }

    /** The time signed into callbacks that carry one (Vonage); by default the system clock's now. */
    public StatusCallbacks signedAt(Instant time) {
        this.signedAt = Objects.requireNonNull(time, "time");
        return this;
    }

    /** Sends to {@code url} instead of the callback URL the send gave the service. */
    public StatusCallbacks to(URI url) {
        this.to = Objects.requireNonNull(url, "url");
        return this;
    }

    /** The callbacks, in the order they would be sent. */
    public List<StatusCallback> build() {
        URI url = to != null ? to : stub.callbackUrl(sms).orElseThrow(() -> new IllegalStateException(
                "the send of " + sms + " gave " + stub.providerId() + " no callback URL: set "
                        + "sms.receipts.public-base-url, or name one with to(...)"));
        Instant at = signedAt != null ? signedAt : Instant.now();
        List<StatusCallback> callbacks = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            String code = i == statuses.size() - 1 ? errorCode : null;
            StatusCallback callback = stub.statusCallback(url, sms, statuses.get(i), code, forged, messagesApi,
                    at.plusMillis(i));
            for (int c = 0; c < copies; c++) {
                callbacks.add(callback);
            }
        }
        if (shuffle != null) {
            Collections.shuffle(callbacks, shuffle);
        }
        return callbacks;
    }

    /**
     * Sends the callbacks one after another over HTTP (5 s to connect, 10 s per answer).
     *
     * @return the host's HTTP status for each, in the order sent
     */
    public List<Integer> send() {
        List<Integer> answers = new ArrayList<>();
        for (StatusCallback callback : build()) {
            answers.add(send(callback));
        }
        return answers;
    }

    /**
     * Sends one callback over HTTP and returns the host's HTTP status. A connection the host closed before it answered
     * (a kept-alive connection it had just dropped) is tried once more on a new one, as the services retry a callback
     * they got no answer to; a host applies a repeated receipt once.
     */
    public static int send(StatusCallback callback) {
        HttpRequest.Builder request = HttpRequest.newBuilder(callback.url()).timeout(Duration.ofSeconds(10))
                .method(callback.method(), HttpRequest.BodyPublishers.ofByteArray(callback.body()));
        callback.headers().forEach(request::header);
        try {
            try {
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                if (e instanceof HttpTimeoutException) {
                    throw e;
                }
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the host did not answer " + callback, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + callback, e);
        }
    }
}
