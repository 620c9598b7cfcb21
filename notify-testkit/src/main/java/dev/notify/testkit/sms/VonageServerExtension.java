package dev.notify.testkit.sms;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.notify.message.SmsLength;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A Vonage SMS API stand-in: {@code POST /sms/json} (form fields {@code api_key}, {@code api_secret}, {@code from},
 * {@code to}, {@code text}, {@code type}) answered {@code 200} with one {@code message-id} per segment and
 * {@code status 0}, and {@code GET /account/get-balance} (HTTP Basic with the API key and secret) with the balance.
 * Like Vonage, it refuses wrong credentials of a send with {@code status 4} under HTTP 200, a missing field with
 * {@code status 2}, a {@code to} that is not E.164 digits with {@code status 3}.
 *
 * <p>This class is threadsafe.
 */
public final class VonageServerExtension extends SmsServiceExtension {

    public static final String DEFAULT_API_KEY = "a1b2c3d4";
    /** A test value, not a secret; a provider must still never show it. */
    public static final String DEFAULT_API_SECRET = "vonage-test-secret-5e6f7a";
    /** The {@code sms.vonage.signature-secret} of {@link #properties()}: signs the status callbacks. */
    public static final String DEFAULT_SIGNATURE_SECRET = "vonage-test-signature-secret-8d9e";
    /** The {@code sms.vonage.from} of {@link #properties()}. */
    public static final String DEFAULT_FROM = "Notify";

    private static final DateTimeFormatter MESSAGE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private volatile BigDecimal balance = new BigDecimal("10.28");

    private VonageServerExtension() {
    }

    /** A stub accepting the default API key and secret. */
    public static VonageServerExtension create() {
        return new VonageServerExtension();
    }

    @Override
    public String providerId() {
        return "vonage";
    }

    /** The balance the check reads from now on in this test. */
    public VonageServerExtension balance(BigDecimal value) {
        this.balance = value;
        return this;
    }

    @Override
    Map<String, String> serviceProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sms.vonage.base-url", baseUrl().toString());
        p.put("sms.vonage.api-key", DEFAULT_API_KEY);
        p.put("sms.vonage.api-secret", DEFAULT_API_SECRET);
        p.put("sms.vonage.from", DEFAULT_FROM);
        p.put("sms.vonage.signature-secret", DEFAULT_SIGNATURE_SECRET);
        return p;
    }

    @Override
    public List<String> secrets() {
        return List.of(DEFAULT_API_SECRET, DEFAULT_SIGNATURE_SECRET);
    }

    @Override
    List<String> deliveredStatuses() {
        return List.of("accepted", "delivered");
    }

    @Override
    Optional<URI> callbackUrl(SentSms sms) {
        return sms.request().parameter("callback").map(URI::create);
    }

    /**
     * A signed delivery receipt: the SMS API's JSON with {@code timestamp}, {@code nonce} and an {@code md5hash}
     * {@code sig}; or, for the Messages API, its status JSON with a JWT (HS256, {@code payload_hash}) in
     * {@code Authorization: Bearer}.
     */
    @Override
    StatusCallback statusCallback(URI url, SentSms sms, String status, String errorCode, boolean forged,
            boolean messagesApi, Instant at) {
        String secret = forged ? "forged-" + DEFAULT_SIGNATURE_SECRET : DEFAULT_SIGNATURE_SECRET;
        if (messagesApi) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message_uuid", sms.messageId());
            body.put("to", sms.to().substring(1));
            body.put("from", sms.sender().orElse(DEFAULT_FROM));
            body.put("timestamp", at.toString());
            body.put("status", status);
            if (errorCode != null) {
                body.put("error", Map.of("type", "https://developer.vonage.com/api-errors/messages#" + errorCode,
                        "title", errorCode, "detail", "Message failed"));
            }
            body.put("channel", "sms");
            byte[] bytes = jsonText(body).getBytes(StandardCharsets.UTF_8);
            String claims = jsonText(Map.of("iat", at.getEpochSecond(), "jti", UUID.randomUUID().toString(),
                    "iss", "Vonage", "payload_hash", CallbackSigning.sha256Hex(bytes), "api_key", DEFAULT_API_KEY));
            return new StatusCallback("POST", url, Map.of("Content-Type", "application/json",
                    "Authorization", "Bearer " + CallbackSigning.hs256(secret, claims)), bytes, status);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("msisdn", sms.to().substring(1));
        fields.put("to", sms.sender().orElse(DEFAULT_FROM));
        fields.put("network-code", "23410");
        fields.put("messageId", sms.messageId());
        fields.put("price", "0.03330000");
        fields.put("status", status);
        fields.put("scts", "2012101050");
        fields.put("err-code", errorCode == null ? "0" : errorCode);
        fields.put("api-key", DEFAULT_API_KEY);
        fields.put("message-timestamp", MESSAGE_TIMESTAMP.format(at.atOffset(ZoneOffset.UTC)));
        fields.put("timestamp", Long.toString(at.getEpochSecond()));
        fields.put("nonce", UUID.randomUUID().toString());
        fields.put("sig", CallbackSigning.vonageMd5Hash(secret, fields));
        return new StatusCallback("POST", url, Map.of("Content-Type", "application/json"),
                jsonText(fields).getBytes(StandardCharsets.UTF_8), status);
    }

    @Override
    SmsRequest.Endpoint endpoint(LoggedRequest request) {
        String path = request.getUrl().split("\\?")[0];
        String method = request.getMethod().getName();
        if (method.equals("POST") && path.equals("/sms/json")) {
            return SmsRequest.Endpoint.SEND;
        }
        if (method.equals("GET") && path.equals("/account/get-balance")) {
            return SmsRequest.Endpoint.CHECK;
        }
        return SmsRequest.Endpoint.UNKNOWN;
    }

    @Override
    ResponseDefinitionBuilder answerSend(SmsRequest request) {
        Map<String, String> form = request.parameters();
        if (!DEFAULT_API_KEY.equals(form.get("api_key")) || !DEFAULT_API_SECRET.equals(form.get("api_secret"))) {
            return error(200, "4", "Bad Credentials", request);
        }
        for (String field : List.of("from", "to", "text")) {
            if (form.getOrDefault(field, "").isEmpty()) {
                return error(200, "2", "Missing " + field + " param", request);
            }
        }
        String to = form.get("to");
        if (!to.matches("[1-9][0-9]{6,14}")) {
            return standard(SmsFault.Kind.INVALID_NUMBER, 200, request);
        }
        String text = form.get("text");
        int parts = SmsLength.of(text).segments();
        List<Map<String, Object>> messages = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(java.util.Locale.ROOT);
            ids.add(id);
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("to", to);
            message.put("message-id", id);
            message.put("status", "0");
            message.put("remaining-balance", balance.toPlainString());
            message.put("message-price", "0.03330000");
            message.put("network", "23410");
            messages.add(message);
        }
        accepted(new SentSms("+" + to, text, form.get("from"), String.join(",", ids), request));
        return json(200, Map.of("message-count", Integer.toString(parts), "messages", messages));
    }

    @Override
    ResponseDefinitionBuilder answerCheck(SmsRequest request) {
        String[] credentials = request.header("Authorization").filter(h -> h.startsWith("Basic "))
                .map(h -> TwilioServerExtension.decode(h.substring("Basic ".length()))).orElse(new String[] {"", ""});
        if (!credentials[0].equals(DEFAULT_API_KEY) || !credentials[1].equals(DEFAULT_API_SECRET)) {
            return json(401, Map.of("error-code", "401", "error-code-label", "authentication failed"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", balance);
        body.put("autoReload", false);
        return json(200, body);
    }

    @Override
    ResponseDefinitionBuilder error(int status, String code, String message, SmsRequest request) {
        return json(status, Map.of("message-count", "1", "messages", List.of(Map.of("status", code,
                "error-text", message))));
    }

    @Override
    ResponseDefinitionBuilder standard(SmsFault.Kind kind, int status, SmsRequest request) {
        return switch (kind) {
            case THROTTLED -> problem(429, "throttled", "Too Many Requests", "Too many requests; slow down.");
            case UNAUTHORIZED -> problem(401, "unauthorized", "Unauthorized", "You did not provide correct credentials.");
            case INVALID_NUMBER -> error(200, "3", "Invalid to parameter", request);
            default -> problem(status, "internal-error", "Internal Server Error", "Something went wrong.");
        };
    }

    private static ResponseDefinitionBuilder problem(int status, String type, String title, String detail) {
        return json(status, Map.of("type", "https://developer.vonage.com/api-errors#" + type, "title", title,
                "detail", detail));
    }
}
