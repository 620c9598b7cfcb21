package dev.notify.testkit.graph;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.notify.NotifyException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1.0/users/{user}/sendMail}: checks the bearer token, applies the next queued fault, otherwise
 * decodes and records the message and answers {@code 202 Accepted} with a {@code request-id}.
 */
final class SendMailEndpoint {

    static final String NAME = "notify-graph-sendmail";

    private final FixtureState state;

    SendMailEndpoint(FixtureState state) {
        this.state = state;
    }

    ResponseDefinition transform(ServeEvent event) {
        state.sendMailRequests.incrementAndGet();
        return timed(() -> respond(event.getRequest()));
    }

    /** Runs one HTTP request's work after the configured delay, counted as in flight. */
    <T> T timed(java.util.function.Supplier<T> work) {
        state.sendMailStarted();
        try {
            pause(state.sendMailDelay());
            return work.get();
        } finally {
            state.sendMailFinished();
        }
    }

    private ResponseDefinition respond(LoggedRequest request) {
        String clientRequestId = request.containsHeader("client-request-id") ? request.getHeader("client-request-id")
                : null;
        String user = URLDecoder.decode(request.getUrl().split("/")[3], StandardCharsets.UTF_8);
        Answer answer = sendMail(user, request.getBodyAsString(), FixtureState.bearerToken(request), clientRequestId);
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(answer.status());
        answer.headers().forEach(response::withHeader);
        if (answer.body() != null) {
            response.withBody(answer.body());
        }
        return response.build();
    }

    /** The answer to one sendMail, alone or inside a {@code $batch}: status, headers and body (null when none). */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Applies the next queued fault, checks the token, decodes and records the message. */
    Answer sendMail(String user, String json, String token, String clientRequestId) {
        String requestId = UUID.randomUUID().toString();
        String clientId = clientRequestId != null ? clientRequestId : requestId;
        GraphFault fault = state.nextSendMailFault();
        if (fault != null) {
            Map<String, String> headers = new LinkedHashMap<>(errorHeaders(requestId, clientId));
            headers.putAll(fault.headers());
            return new Answer(fault.status(), headers, errorBody(fault.code(), fault.message(), requestId, clientId));
        }
        if (!state.issuedTokens.contains(token)) {
            return new Answer(401, errorHeaders(requestId, clientId), errorBody("InvalidAuthenticationToken",
                    "Access token is empty or was not issued by this server.", requestId, clientId));
        }
        try {
            MailDecoder.Decoded decoded = MailDecoder.decode(user, json);
            state.sentMails.add(new SentMail(user, decoded.message(), decoded.saveToSentItems(), json, token));
        } catch (NotifyException | IllegalArgumentException e) {
            return new Answer(400, errorHeaders(requestId, clientId), errorBody("ErrorInvalidRequest",
                    "Cannot decode the message: " + e.getMessage(), requestId, clientId));
        }
        return new Answer(202, Map.of("request-id", requestId, "client-request-id", clientId), null);
    }

    private static Map<String, String> errorHeaders(String requestId, String clientRequestId) {
        return Map.of("Content-Type", "application/json", "request-id", requestId, "client-request-id",
                clientRequestId);
    }

    private static String errorBody(String code, String message, String requestId, String clientRequestId) {
        return Json.write(Map.of("error", Map.of("code", code, "message", message, "innerError",
                Map.of("request-id", requestId, "client-request-id", clientRequestId))));
    }

    /** A Graph error answer: {@code {"error":{"code":..,"message":..,"innerError":{..}}}} with its request ids. */
    static ResponseDefinitionBuilder error(int status, String code, String message, String requestId,
            String clientRequestId) {
        String body = errorBody(code, message, requestId, clientRequestId);
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("request-id", requestId)
                .withHeader("client-request-id", clientRequestId)
                .withBody(body);
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
