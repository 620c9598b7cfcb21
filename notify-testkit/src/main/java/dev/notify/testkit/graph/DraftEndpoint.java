package dev.notify.testkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.notify.NotifyException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The draft path of {@code /v1.0/users/{user}/messages}: create a draft, post an attachment, create an upload
 * session, send, delete (to Deleted Items) and permanentDelete. Each needs a token issued by the fixture whose roles include {@code Mail.ReadWrite}, as
 * Graph does; without it the answer is {@code 403 ErrorAccessDenied}.
 */
final class DraftEndpoint {

    static final String NAME = "notify-graph-drafts";

    private final FixtureState state;

    DraftEndpoint(FixtureState state) {
        this.state = state;
    }

    ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String requestId = UUID.randomUUID().toString();
        String clientRequestId = request.containsHeader("client-request-id") ? request.getHeader("client-request-id")
                : requestId;
        String token = FixtureState.bearerToken(request);
        if (!state.issuedTokens.contains(token)) {
            return SendMailEndpoint.error(401, "InvalidAuthenticationToken",
                    "Access token is empty or was not issued by this server.", requestId, clientRequestId).build();
        }
        if (!state.tokenRoles.getOrDefault(token, List.of()).contains("Mail.ReadWrite")) {
            return SendMailEndpoint.error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try "
                    + "again.", requestId, clientRequestId).build();
        }
        String[] path = URI.create(request.getUrl()).getPath().split("/");
        String user = URLDecoder.decode(path[3], StandardCharsets.UTF_8);
        String method = request.getMethod().getName();
        if (path.length == 5) {
            return create(user, request.getBodyAsString(), requestId, clientRequestId);
        }
        Draft draft = state.drafts.get(URLDecoder.decode(path[5], StandardCharsets.UTF_8));
        if (draft == null || !draft.user.equals(user)) {
            return SendMailEndpoint.error(404, "ErrorItemNotFound", "The specified object was not found in the store.",
                    requestId, clientRequestId).build();
        }
        String action = path.length > 6 ? String.join("/", List.of(path).subList(6, path.length)) : "";
        switch (method + " " + action) {
            case "DELETE ":
                state.drafts.remove(draft.id);
                state.deletedDrafts.add(draft.id);
                state.draftsInDeletedItems.add(draft.id);
                return answer(204, null, requestId, clientRequestId);
            case "POST permanentDelete":
                GraphFault fault = state.permanentDeleteFault();
                if (fault != null) {
                    ResponseDefinitionBuilder refused = SendMailEndpoint.error(fault.status(), fault.code(),
                            fault.message(), requestId, clientRequestId);
                    fault.headers().forEach(refused::withHeader);
                    return refused.build();
                }
                state.drafts.remove(draft.id);
                state.deletedDrafts.add(draft.id);
                return answer(204, null, requestId, clientRequestId);
            case "POST attachments":
                draft.addAttachment((ObjectNode) Json.node(request.getBodyAsString()));
                return answer(201, "{\"id\":\"" + UUID.randomUUID() + "\"}", requestId, clientRequestId);
            case "POST attachments/createUploadSession":
                return uploadSession(draft, request, requestId, clientRequestId);
            case "POST send":
                return send(draft, token, requestId, clientRequestId);
            default:
                return SendMailEndpoint.error(405, "ErrorInvalidRequest", "The fixture does not serve " + method + " "
                        + request.getUrl(), requestId, clientRequestId).build();
        }
    }

    private ResponseDefinition create(String user, String json, String requestId, String clientRequestId) {
        JsonNode message = Json.node(json);
        if (!message.isObject()) {
            return SendMailEndpoint.error(400, "ErrorInvalidRequest", "The draft is not a JSON object.", requestId,
                    clientRequestId).build();
        }
        String id = "AAMkAD" + UUID.randomUUID().toString().replace("-", "");
        state.drafts.put(id, new Draft(id, user, (ObjectNode) message));
        return answer(201, "{\"id\":\"" + id + "\",\"isDraft\":true}", requestId, clientRequestId);
    }

    private ResponseDefinition uploadSession(Draft draft, LoggedRequest request, String requestId,
            String clientRequestId) {
        JsonNode item = Json.node(request.getBodyAsString()).path("AttachmentItem");
        if (item.isMissingNode()) {
            item = Json.node(request.getBodyAsString()).path("attachmentItem");
        }
        if (!item.path("size").canConvertToLong() || item.path("name").asText("").isEmpty()) {
            return SendMailEndpoint.error(400, "ErrorInvalidRequest", "attachmentItem needs a name and a size.",
                    requestId, clientRequestId).build();
        }
        String id = UUID.randomUUID().toString();
        UploadSessionState session = new UploadSessionState(id, draft.id, item.path("name").asText(),
                item.path("contentType").asText("application/octet-stream"), item.path("size").asLong());
        state.addUploadSession(session);
        URI absolute = URI.create(request.getAbsoluteUrl());
        String uploadUrl = absolute.getScheme() + "://" + absolute.getAuthority() + UploadEndpoint.PATH + id
                + "?authtoken=fixture-preauthorised";
        return answer(201, Json.write(Map.of("uploadUrl", uploadUrl,
                "expirationDateTime", Instant.now().plus(6, ChronoUnit.HOURS).toString(),
                "nextExpectedRanges", List.of("0-"))), requestId, clientRequestId);
    }

    private ResponseDefinition send(Draft draft, String token, String requestId, String clientRequestId) {
        String json = "{\"message\":" + draft.json() + "}";
        try {
            MailDecoder.Decoded decoded = MailDecoder.decode(draft.user, json);
            state.sentMails.add(new SentMail(draft.user, decoded.message(), true, json, token));
        } catch (NotifyException | IllegalArgumentException e) {
            return SendMailEndpoint.error(400, "ErrorInvalidRequest", "Cannot decode the draft: " + e.getMessage(),
                    requestId, clientRequestId).build();
        }
        state.drafts.remove(draft.id);
        return answer(202, null, requestId, clientRequestId);
    }

    private static ResponseDefinition answer(int status, String json, String requestId, String clientRequestId) {
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("request-id", requestId)
                .withHeader("client-request-id", clientRequestId);
        if (json != null) {
            response.withHeader("Content-Type", "application/json").withBody(json);
        }
        return response.build();
    }
}
