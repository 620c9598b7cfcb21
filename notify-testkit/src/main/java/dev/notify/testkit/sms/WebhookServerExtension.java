package dev.notify.testkit.sms;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-house SMS relay as the {@code webhook} provider talks to it: {@code POST /v1/sms} with
 * {@code Authorization: Bearer <token>} and the JSON {@code {"messageId":...,"to":"+...","text":...,"from":...,
 * "encoding":...,"segments":...}}, answered {@code 202} with {@code {"id":"relay-1","status":"queued"}};
 * {@code GET /health} answers {@code 200}. A wrong or missing token gets {@code 401}, a {@code to} that is not
 * E.164 {@code 422} with {@code "error":"invalid-number"}; errors are {@code {"error": ..., "message": ...}}.
 *
 * <p>This class is threadsafe.
 */
public final class WebhookServerExtension extends SmsServiceExtension {

    /** A test value, not a secret; a provider must still never show it. */
    public static final String DEFAULT_TOKEN = "webhook-test-token-7a8b9c0d";
    public static final String SEND_PATH = "/v1/sms";
    public static final String HEALTH_PATH = "/health";

    private final AtomicLong ids = new AtomicLong();

    private WebhookServerExtension() {
    }

    /** A relay that wants the default bearer token. */
    public static WebhookServerExtension create() {
        return new WebhookServerExtension();
    }

    @Override
    public String providerId() {
        return "webhook";
    }

    @Override
    Map<String, String> serviceProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sms.webhook.url", baseUrl() + SEND_PATH);
        p.put("sms.webhook.headers", "Authorization: Bearer " + DEFAULT_TOKEN + "; X-Tenant: portal");
        p.put("sms.webhook.health-url", baseUrl() + HEALTH_PATH);
        return p;
    }

    @Override
    public List<String> secrets() {
        return List.of(DEFAULT_TOKEN);
    }

    @Override
    SmsRequest.Endpoint endpoint(LoggedRequest request) {
        String path = request.getUrl().split("\\?")[0];
        String method = request.getMethod().getName();
        if (method.equals("POST") && path.equals(SEND_PATH)) {
            return SmsRequest.Endpoint.SEND;
        }
        if (method.equals("GET") && path.equals(HEALTH_PATH)) {
            return SmsRequest.Endpoint.CHECK;
        }
        return SmsRequest.Endpoint.UNKNOWN;
    }

    @Override
    ResponseDefinitionBuilder answerSend(SmsRequest request) {
        if (!request.header("Authorization").filter(("Bearer " + DEFAULT_TOKEN)::equals).isPresent()) {
            return standard(SmsFault.Kind.UNAUTHORIZED, 401, request);
        }
        Map<String, String> fields = request.parameters();
        String to = fields.get("to");
        String text = fields.get("text");
        if (to == null || text == null || text.isEmpty()) {
            return error(400, "bad-request", "to and text are required", request);
        }
        if (!to.matches("\\+[1-9][0-9]{6,14}")) {
            return standard(SmsFault.Kind.INVALID_NUMBER, 422, request);
        }
        String id = "relay-" + ids.incrementAndGet();
        accepted(new SentSms(to, text, fields.get("from"), id, request));
        return json(202, Map.of("id", id, "status", "queued"));
    }

    @Override
    ResponseDefinitionBuilder answerCheck(SmsRequest request) {
        return json(200, Map.of("status", "up"));
    }

    @Override
    ResponseDefinitionBuilder error(int status, String code, String message, SmsRequest request) {
        return json(status, Map.of("error", code, "message", message));
    }

    @Override
    ResponseDefinitionBuilder standard(SmsFault.Kind kind, int status, SmsRequest request) {
        return switch (kind) {
            case THROTTLED -> error(429, "rate-limited", "Too many messages; slow down", request);
            case UNAUTHORIZED -> error(401, "unauthorized", "Missing or wrong bearer token", request);
            case INVALID_NUMBER -> error(422, "invalid-number", "The number " + request.parameters()
                    .getOrDefault("to", "") + " cannot receive SMS", request);
            default -> error(status, "internal", "The relay failed", request);
        };
    }
}
