package dev.notify.testkit.graph;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pre-authorised upload URL of an upload session, {@code /upload/{session}}: {@code PUT} takes the next chunk
 * ({@code Content-Range: bytes start-end/total}, at most 4 MB, a multiple of 320 KiB except the last), {@code GET}
 * tells the next expected range. Like Graph, it refuses a chunk carrying an {@code Authorization} header (401), a
 * chunk that does not start at the next expected byte (416), and answers 404 once the session has expired.
 */
final class UploadEndpoint {

    static final String NAME = "notify-graph-upload";
    static final String PATH = "/upload/";

    private static final int MAX_CHUNK = 4 * 1024 * 1024;
    private static final int UNIT = 320 * 1024;
    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final FixtureState state;

    UploadEndpoint(FixtureState state) {
        this.state = state;
    }

    ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String requestId = UUID.randomUUID().toString();
        String id = URI.create(request.getUrl()).getPath().substring(PATH.length());
        UploadSessionState session = state.uploadSessions.get(id);
        boolean put = "PUT".equals(request.getMethod().getName());
        int putNumber = put ? state.uploadPuts.incrementAndGet() : 0;
        if (session == null || session.expired()
                || put && state.acceptedChunks.get() >= state.expireUploadsAfterChunks()) {
            return SendMailEndpoint.error(404, "itemNotFound", "The upload session was not found or has expired.",
                    requestId, requestId).build();
        }
        if (!put) {
            return expected(200, session);
        }
        GraphFault fault = state.uploadChunkFault(putNumber);
        if (fault != null) {
            ResponseDefinitionBuilder response = SendMailEndpoint.error(fault.status(), fault.code(), fault.message(),
                    requestId, requestId);
            fault.headers().forEach(response::withHeader);
            return response.build();
        }
        if (request.containsHeader("Authorization")) {
            session.bearerTokenSeen();
            return SendMailEndpoint.error(401, "InvalidAuthenticationToken", "The upload URL is pre-authenticated: "
                    + "a request with an Authorization header is refused.", requestId, requestId).build();
        }
        String range = request.getHeader("Content-Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        byte[] body = request.getBody();
        if (m == null || !m.matches()) {
            return SendMailEndpoint.error(400, "invalidRequest", "Content-Range must be 'bytes start-end/total', was "
                    + range, requestId, requestId).build();
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        long length = end - start + 1;
        boolean last = end + 1 == session.size;
        if (total != session.size || length != body.length || length > MAX_CHUNK || (!last && length % UNIT != 0)
                || end >= session.size) {
            return SendMailEndpoint.error(400, "invalidRange", "Content-Range " + range + " with " + body.length
                    + " bytes does not fit a session of " + session.size + " bytes: chunks are at most 4 MB, "
                    + "multiples of 320 KiB except the last", requestId, requestId).build();
        }
        if (start != session.received()) {
            return SendMailEndpoint.error(416, "invalidRange", "The next expected byte is " + session.received()
                    + ", the chunk starts at " + start, requestId, requestId).build();
        }
        session.accept(range, body);
        state.acceptedChunks.incrementAndGet();
        if (last) {
            Draft draft = state.drafts.get(session.draftId);
            if (draft != null) {
                draft.uploads.add(session.snapshot());
            }
            state.uploadSessions.remove(id);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(201)
                    .withHeader("Location", "https://graph.invalid/attachments/" + id).build();
        }
        return expected(200, session);
    }

    private static ResponseDefinition expected(int status, UploadSessionState session) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(Json.write(Map.of("expirationDateTime", Instant.now().plus(6, ChronoUnit.HOURS).toString(),
                        "nextExpectedRanges", List.of(session.received() + "-"))))
                .build();
    }
}
