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
import dev.notify.spi.SendOutcome;
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
import java.util.concurrent.CompletionException;
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
 * Carries queued sends to the same mailbox in Graph JSON batches: each message waits in its mailbox's line; whoever
 * gets one of the app's request permits takes up to {@value #MAX_REQUESTS} waiting messages (at most 4 MB of
 * requests) and posts them as one {@code POST /$batch}, or alone with sendMail when only one waits. No caller waits
 * for messages that are not there yet: a batch is whatever queued up while the permits were busy, or the messages a
 * caller handed over together ({@link #sendAll}). Each message gets its own outcome: a request of the batch
 * answered 429 fails that message alone, transiently, with its {@code Retry-After}, for the notifier's or the
 * outbox's retry (the outbox then holds the mailbox's server for every worker and process). A sender does not retry
 * on its own.
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

    /** A message within the sendMail limit, the mailbox sending it and its sendMail request body. */
    record Queued(EmailMessage email, String mailbox, String json) {
    }

    /** A request in its mailbox's line until its outcome is known. */
    private static final class Waiting {
        final Queued request;
        final CompletableFuture<Delivery> outcome = new CompletableFuture<>();
        final long dueNanos;

        Waiting(Queued request, long dueNanos) {
            this.request = request;
            this.dueNanos = dueNanos;
        }
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

    /** When a caller last saw its messages move: it sent a request, or one of its messages got its outcome. */
    private static final class Progress {
        long nanos = System.nanoTime();
    }

    /** Sends one message, alone or in a batch with others waiting for its mailbox. */
    Delivery send(Queued request) {
        return await(enqueue(request), new Progress());
    }

    /**
     * Sends the messages together: those of one mailbox in batches, one request at a time on the calling thread
     * whenever it gets a permit; each outcome in the order given. The messages share one
     * {@code email.graph.read-timeout}: once the caller waited that long for a permit with none of them moving, those
     * still waiting fail at once.
     */
    List<SendOutcome> sendAll(List<Queued> requests) {
        List<Waiting> queued = requests.stream().map(this::enqueue).toList();
        List<SendOutcome> outcomes = new ArrayList<>(queued.size());
        Progress progress = new Progress();
        for (Waiting w : queued) {
            try {
                outcomes.add(new SendOutcome.Delivered(await(w, progress)));
            } catch (RuntimeException e) {
                outcomes.add(new SendOutcome.Failed(e));
            }
        }
        return outcomes;
    }

    private Waiting enqueue(Queued request) {
        Waiting w = new Waiting(request, System.nanoTime());
        line(request.mailbox()).add(w);
        return w;
    }

    private Queue<Waiting> line(String mailbox) {
        return waiting.computeIfAbsent(mailbox, m -> new ConcurrentLinkedQueue<>());
    }

    /**
     * Waits for the outcome of {@code mine}, sending its line's due messages whenever a permit is free; gives up
     * once it is due and the caller's messages have not moved for {@code email.graph.read-timeout}.
     */
    private Delivery await(Waiting mine, Progress progress) {
        Queue<Waiting> line = line(mine.request.mailbox());
        long timeout = settings.readTimeout().toNanos();
        while (!mine.outcome.isDone()) {
            if (permits.tryAcquire()) {
                boolean sent;
                try {
                    sent = sendWaiting(line);
                } finally {
                    permits.release();
                }
                if (sent) {
                    progress.nanos = System.nanoTime();
                    continue;
                }
            }
            long due = mine.dueNanos - progress.nanos > 0 ? mine.dueNanos : progress.nanos;
            if (System.nanoTime() - (due + timeout) > 0 && line.remove(mine)) {
                throw GraphSender.noRequestSlot(settings);
            }
            try {
                mine.outcome.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
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
        progress.nanos = System.nanoTime();
        try {
            return mine.outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Sends the line's due messages, up to a batch; false when none was due. */
    private boolean sendWaiting(Queue<Waiting> line) {
        List<Waiting> batch = new ArrayList<>();
        long bytes = 0;
        long now = System.nanoTime();
        for (Waiting next : line) {
            if (batch.size() == MAX_REQUESTS) {
                break;
            }
            if (next.dueNanos - now > 0) {
                continue;
            }
            int length = next.request.json().length();
            if (!batch.isEmpty() && bytes + length > RequestSize.MAX_REQUEST_BYTES) {
                break;
            }
            if (line.remove(next)) {
                batch.add(next);
                bytes += length;
            }
        }
        if (batch.isEmpty()) {
            return false;
        }
        List<Outcome> outcomes = batch.size() == 1 ? List.of(alone(batch.get(0).request)) : batch(batch);
        for (int i = 0; i < batch.size(); i++) {
            settle(batch.get(i), outcomes.get(i));
        }
        return true;
    }

    private Outcome alone(Queued request) {
        try {
            return new Outcome(single.send(request.email(), request.mailbox()), null);
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        }
    }

    private List<Outcome> batch(List<Waiting> batch) {
        try {
            return tokens.useRenewingOnce(token -> post(batch, token),
                    "Microsoft Graph at " + settings.graphBaseUrl(), "the Mail.Send application permission");
        } catch (RuntimeException e) {
            return batch.stream().map(w -> new Outcome(null, e)).toList();
        }
    }

    /** Completes a message's outcome. */
    private static void settle(Waiting w, Outcome outcome) {
        if (outcome.delivery() != null) {
            w.outcome.complete(outcome.delivery());
        } else {
            w.outcome.completeExceptionally(outcome.failure());
        }
    }

    private record Outcome(Delivery delivery, RuntimeException failure) {
    }

    private List<Outcome> post(List<Waiting> batch, AccessToken token) {
        String clientRequestId = UUID.randomUUID().toString();
        StringBuilder body = new StringBuilder("{\"requests\":[");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Queued w = batch.get(i).request;
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
                        batch.get(0).request.mailbox(), null);
                return batch.stream().map(w -> new Outcome(null, failure)).toList();
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
            return batch.stream().map(w -> new Outcome(null, failure)).toList();
        } catch (JsonException e) {
            answers.clear();
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            outcomes.add(outcome(batch.get(i).request, answers.get(ids.get(i)), clientRequestId + "-" + ids.get(i),
                    batch.size()));
        }
        return outcomes;
    }

    private Outcome outcome(Queued w, Map<?, ?> answer, String clientRequestId, int batchSize) {
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
