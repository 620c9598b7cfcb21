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
        state.sendMailStarted();
        try {
            pause(state.sendMailDelay());
            return respond(event.getRequest());
        } finally {
            state.sendMailFinished();
        }
    }

    private ResponseDefinition respond(LoggedRequest request) {
        String requestId = UUID.randomUUID().toString();
        String clientRequestId = request.containsHeader("client-request-id") ? request.getHeader("client-request-id")
                : requestId;
        GraphFault fault = state.nextSendMailFault();
        if (fault != null) {
            ResponseDefinitionBuilder response = error(fault.status(), fault.code(), fault.message(), requestId,
                    clientRequestId);
            fault.headers().forEach(response::withHeader);
            return response.build();
        }
        String token = FixtureState.bearerToken(request);
        if (!state.issuedTokens.contains(token)) {
            return error(401, "InvalidAuthenticationToken", "Access token is empty or was not issued by this server.",
                    requestId, clientRequestId).build();
        }
        String user = URLDecoder.decode(request.getUrl().split("/")[3], StandardCharsets.UTF_8);
        String json = request.getBodyAsString();
        try {
            MailDecoder.Decoded decoded = MailDecoder.decode(user, json);
            state.sentMails.add(new SentMail(user, decoded.message(), decoded.saveToSentItems(), json, token));
        } catch (NotifyException | IllegalArgumentException e) {
            return error(400, "ErrorInvalidRequest", "Cannot decode the message: " + e.getMessage(), requestId,
                    clientRequestId).build();
        }
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(202)
                .withHeader("request-id", requestId)
                .withHeader("client-request-id", clientRequestId)
                .build();
    }

    /** A Graph error answer: {@code {"error":{"code":..,"message":..,"innerError":{..}}}} with its request ids. */
    static ResponseDefinitionBuilder error(int status, String code, String message, String requestId,
            String clientRequestId) {
        String body = Json.write(Map.of("error", Map.of("code", code,
                "message", message, "innerError", Map.of("request-id", requestId, "client-request-id", clientRequestId))));
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
