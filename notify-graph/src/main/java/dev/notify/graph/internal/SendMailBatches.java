package dev.notify.graph.internal;

import dev.notify.DeliveryException;
import dev.notify.NotifyException;
import dev.notify.TransientDeliveryException;
import dev.notify.json.Json;
import dev.notify.json.JsonException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.microsoft.AccessToken;
import dev.notify.microsoft.AppTokenSource;
import dev.notify.spi.Delivery;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Carries queued sends to the same mailbox in Graph JSON batches: each caller puts its message in the mailbox's
 * waiting line and waits; whoever gets one of the app's request permits takes up to {@value #MAX_REQUESTS} waiting
 * messages (at most 4 MB of requests) and posts them as one {@code POST /$batch}, or alone with sendMail when only
 * one waits. No caller waits for messages that are not there yet: a batch is whatever queued up while the permits were
 * busy. Each caller gets its own message's outcome: a request of the batch answered 429 fails that message alone,
 * transiently, with its {@code Retry-After}, for the notifier's or the outbox's retry.
 *
 * <p>This class is threadsafe.
 */
final class SendMailBatches {

    /** Graph's most requests in one JSON batch. */
    static final int MAX_REQUESTS = 20;

    private static final MediaType JSON = MediaType.get("application/json");
    private static final long POLL_MILLIS = 2;

    /** Sends one message alone, as a synchronous send does. */
    @FunctionalInterface
    interface SingleSend {
        Delivery send(EmailMessage email, String mailbox);
    }

    private record Waiting(EmailMessage email, String mailbox, String json, CompletableFuture<Delivery> outcome) {
    }

    private final GraphSettings settings;
    private final AppTokenSource tokens;
    private final OkHttpClient http;
    private final GraphErrors errors;
    private final Semaphore permits;
    private final SingleSend single;
    private final Function<IOException, NotifyException> transportFailure;
    private final Map<String, Queue<Waiting>> waiting = new ConcurrentHashMap<>();

    SendMailBatches(GraphSettings settings, AppTokenSource tokens, OkHttpClient http, GraphErrors errors,
            Semaphore permits, SingleSend single, Function<IOException, NotifyException> transportFailure) {
        this.settings = settings;
        this.tokens = tokens;
        this.http = http;
        this.errors = errors;
        this.permits = permits;
        this.single = single;
        this.transportFailure = transportFailure;
    }

    /**
     * Sends {@code email}, alone or in a batch with others waiting for {@code mailbox}.
     *
     * @param json the message's sendMail request body
     */
    Delivery send(EmailMessage email, String mailbox, String json) {
        Waiting mine = new Waiting(email, mailbox, json, new CompletableFuture<>());
        Queue<Waiting> line = waiting.computeIfAbsent(mailbox, m -> new ConcurrentLinkedQueue<>());
        line.add(mine);
        long deadline = System.nanoTime() + settings.readTimeout().toNanos();
        while (!mine.outcome().isDone()) {
            if (permits.tryAcquire()) {
                try {
                    sendWaiting(line);
                } finally {
                    permits.release();
                }
                continue;
            }
            if (System.nanoTime() - deadline > 0 && line.remove(mine)) {
                throw GraphSender.noRequestSlot(settings);
            }
            try {
                mine.outcome().get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // done or still waiting: the loop tells
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (line.remove(mine)) {
                    throw new TransientDeliveryException("interrupted while waiting to send to Microsoft Graph",
                            DeliveryException.Details.of(), e);
                }
            }
        }
        try {
            return mine.outcome().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private void sendWaiting(Queue<Waiting> line) {
        List<Waiting> batch = new ArrayList<>();
        long bytes = 0;
        for (Waiting next; batch.size() < MAX_REQUESTS && (next = line.peek()) != null; ) {
            if (!batch.isEmpty() && bytes + next.json().length() > RequestSize.MAX_REQUEST_BYTES) {
                break;
            }
            if (line.remove(next)) {
                batch.add(next);
                bytes += next.json().length();
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() == 1) {
            Waiting only = batch.get(0);
            try {
                only.outcome().complete(single.send(only.email(), only.mailbox()));
            } catch (RuntimeException e) {
                only.outcome().completeExceptionally(e);
            }
            return;
        }
        try {
            Map<Waiting, Outcome> outcomes = tokens.useRenewingOnce(token -> post(batch, token),
                    "Microsoft Graph at " + settings.graphBaseUrl(), "the Mail.Send application permission");
            outcomes.forEach((w, outcome) -> {
                if (outcome.delivery() != null) {
                    w.outcome().complete(outcome.delivery());
                } else {
                    w.outcome().completeExceptionally(outcome.failure());
                }
            });
        } catch (RuntimeException e) {
            batch.forEach(w -> w.outcome().completeExceptionally(e));
        }
    }

    private record Outcome(Delivery delivery, RuntimeException failure) {
    }

    private Map<Waiting, Outcome> post(List<Waiting> batch, AccessToken token) {
        String clientRequestId = UUID.randomUUID().toString();
        StringBuilder body = new StringBuilder("{\"requests\":[");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Waiting w = batch.get(i);
            String id = String.valueOf(i + 1);
            ids.add(id);
            body.append(i == 0 ? "" : ",").append("{\"id\":").append(Json.quote(id))
                    .append(",\"method\":\"POST\",\"url\":")
                    .append(Json.quote("/users/" + URLEncoder.encode(w.mailbox(), StandardCharsets.UTF_8) + "/sendMail"))
                    .append(",\"headers\":{\"Content-Type\":\"application/json\",\"client-request-id\":")
                    .append(Json.quote(clientRequestId + "-" + id)).append("},\"body\":").append(w.json()).append('}');
        }
        body.append("]}");
        Request request = new Request.Builder()
                .url(settings.graphBaseUrl() + "/$batch")
                .header("Authorization", "Bearer " + token.value())
                .header("client-request-id", clientRequestId)
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        Map<String, Map<?, ?>> answers = new HashMap<>();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (response.code() == 401) {
                throw new AppTokenSource.Refused("HTTP 401", null);
            }
            if (response.code() != 200) {
                DeliveryException failure = errors.map(response.code(), errorPart(text, "code"),
                        errorPart(text, "message"), Optional.ofNullable(response.header("request-id"))
                                .orElse(clientRequestId), Optional.ofNullable(response.header("Retry-After")),
                        batch.get(0).mailbox(), null);
                Map<Waiting, Outcome> all = new HashMap<>();
                batch.forEach(w -> all.put(w, new Outcome(null, failure)));
                return all;
            }
            if (Json.parse(text) instanceof Map<?, ?> root && root.get("responses") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> answer && answer.get("id") instanceof String id) {
                        answers.put(id, answer);
                    }
                }
            }
        } catch (IOException e) {
            NotifyException failure = transportFailure.apply(e);
            Map<Waiting, Outcome> all = new HashMap<>();
            batch.forEach(w -> all.put(w, new Outcome(null, failure)));
            return all;
        } catch (JsonException e) {
            answers.clear();
        }
        Map<Waiting, Outcome> outcomes = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            outcomes.put(batch.get(i), outcome(batch.get(i), answers.get(ids.get(i)), clientRequestId + "-"
                    + ids.get(i), batch.size()));
        }
        return outcomes;
    }

    private Outcome outcome(Waiting w, Map<?, ?> answer, String clientRequestId, int batchSize) {
        if (answer == null) {
            return new Outcome(null, new TransientDeliveryException("Microsoft Graph's batch answer has no response "
                    + "for this message (client-request-id " + clientRequestId + "); it may or may not have been sent"));
        }
        int status = answer.get("status") instanceof dev.notify.json.JsonNumber n ? n.intValue().orElse(0)
                : answer.get("status") instanceof Number n ? n.intValue() : 0;
        Map<?, ?> headers = answer.get("headers") instanceof Map<?, ?> h ? h : Map.of();
        String requestId = header(headers, "request-id").orElse(clientRequestId);
        if (status == 202 || status == 200) {
            List<String> accepted = w.email().recipients().stream().map(EmailAddress::address).toList();
            return new Outcome(new Delivery(w.email().messageId().orElse("<" + requestId + "@graph>"), accepted,
                    List.of(), Map.of("graph.request-id", requestId, "graph.client-request-id", clientRequestId,
                            "graph.mailbox", w.mailbox(), "graph.batch-size", String.valueOf(batchSize))), null);
        }
        Map<?, ?> error = answer.get("body") instanceof Map<?, ?> b && b.get("error") instanceof Map<?, ?> e ? e : Map.of();
        String code = error.get("code") instanceof String c ? c : "";
        String message = error.get("message") instanceof String m ? m : "";
        if (status == 401) {
            return new Outcome(null, new TransientDeliveryException("Microsoft Graph refused the token for this "
                    + "message inside a batch (HTTP 401" + (code.isEmpty() ? "" : " " + code) + "; request-id "
                    + requestId + ")", DeliveryException.Details.of().replyCode(401), null));
        }
        return new Outcome(null, errors.map(status, code, message, requestId, header(headers, "Retry-After"),
                w.mailbox(), null));
    }

    private static Optional<String> header(Map<?, ?> headers, String name) {
        for (Map.Entry<?, ?> e : headers.entrySet()) {
            if (e.getKey() instanceof String key && key.equalsIgnoreCase(name) && e.getValue() instanceof String v) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static String errorPart(String text, String part) {
        try {
            if (Json.parse(text) instanceof Map<?, ?> root && root.get("error") instanceof Map<?, ?> error
                    && error.get(part) instanceof String value) {
                return value;
            }
        } catch (JsonException e) {
            return "";
        }
        return "";
    }
}
