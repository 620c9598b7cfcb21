package dev.notify.testkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /v1.0/$batch}: JSON batching of up to 20 sendMail requests. The batch needs a token the fixture issued
 * (401 otherwise); each request inside it is answered as a sendMail of its own, queued faults included, so a
 * {@link GraphFault#throttled} fails one request of the batch with its {@code Retry-After} in that response's headers.
 * The configured sendMail delay applies once per batch, as a round trip does.
 */
final class BatchEndpoint {

    static final String NAME = "notify-graph-batch";
    static final int MAX_REQUESTS = 20;

    private static final Pattern SEND_MAIL = Pattern.compile("/users/([^/]+)/sendMail");

    private final FixtureState state;
    private final SendMailEndpoint sendMail;

    BatchEndpoint(FixtureState state, SendMailEndpoint sendMail) {
        this.state = state;
        this.sendMail = sendMail;
    }

    ResponseDefinition transform(ServeEvent event) {
        return sendMail.timed(() -> respond(event.getRequest()));
    }

    private ResponseDefinition respond(LoggedRequest request) {
        String requestId = UUID.randomUUID().toString();
        String token = FixtureState.bearerToken(request);
        if (!state.issuedTokens.contains(token)) {
            return SendMailEndpoint.error(401, "InvalidAuthenticationToken",
                    "Access token is empty or was not issued by this server.", requestId, requestId).build();
        }
        JsonNode requests = Json.node(request.getBodyAsString()).path("requests");
        if (!requests.isArray() || requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            return SendMailEndpoint.error(400, "BadRequest", "A batch holds 1 to " + MAX_REQUESTS + " requests.",
                    requestId, requestId).build();
        }
        state.batchSizes.add(requests.size());
        List<Object> responses = new ArrayList<>();
        for (JsonNode r : requests) {
            String id = r.path("id").asText();
            Matcher m = SEND_MAIL.matcher(r.path("url").asText());
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("id", id);
            if (!"POST".equals(r.path("method").asText()) || !m.matches()) {
                response.put("status", 400);
                response.put("body", Json.node("{\"error\":{\"code\":\"BadRequest\",\"message\":\"The fixture batches "
                        + "only POST /users/{user}/sendMail.\"}}"));
            } else {
                state.sendMailRequests.incrementAndGet();
                String clientRequestId = r.path("headers").path("client-request-id").asText(null);
                SendMailEndpoint.Answer answer = sendMail.sendMail(URLDecoder.decode(m.group(1),
                        StandardCharsets.UTF_8), r.path("body").toString(), token, clientRequestId);
                response.put("status", answer.status());
                response.put("headers", answer.headers());
                if (answer.body() != null) {
                    response.put("body", Json.node(answer.body()));
                }
            }
            responses.add(response);
        }
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("request-id", requestId)
                .withBody(Json.write(Map.of("responses", responses)))
                .build();
    }
}
