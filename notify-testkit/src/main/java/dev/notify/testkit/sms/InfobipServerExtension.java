package dev.notify.testkit.sms;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An Infobip SMS API stand-in: {@code POST /sms/2/text/advanced} with {@code Authorization: App <key>} and the JSON
 * {@code {"messages":[{"destinations":[{"to":...}],"from":...,"text":...}]}} answered {@code 200} with a
 * {@code bulkId} and, per message, a {@code messageId} and the status PENDING_ACCEPTED; {@code GET
 * /account/1/balance} answers the balance. A wrong key gets Infobip's {@code 401} with
 * {@code requestError.serviceException} UNAUTHORIZED; a destination that is not E.164 digits gets the status
 * REJECTED_DESTINATION.
 *
 * <p>This class is threadsafe.
 */
public final class InfobipServerExtension extends SmsServiceExtension {

    /** A test value, not a secret; a provider must still never show it. */
    public static final String DEFAULT_API_KEY = "infobip-test-key-0d1e2f3a-4b5c-6d7e";
    /** The {@code sms.infobip.report-username} of {@link #properties()}: delivery reports use HTTP Basic. */
    public static final String DEFAULT_REPORT_USERNAME = "notify-reports";
    /** The {@code sms.infobip.report-password} of {@link #properties()}. */
    public static final String DEFAULT_REPORT_PASSWORD = "infobip-test-report-password-2c3d";
    /** The {@code sms.infobip.from} of {@link #properties()}. */
    public static final String DEFAULT_FROM = "InfoSMS";

    private static final DateTimeFormatter DONE_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final AtomicLong ids = new AtomicLong(4_110_000_000_000_000L);
    private volatile BigDecimal balance = new BigDecimal("47.79");

    private InfobipServerExtension() {
    }

    /** A stub accepting the default API key. */
    public static InfobipServerExtension create() {
        return new InfobipServerExtension();
    }

    @Override
    public String providerId() {
        return "infobip";
    }

    /** The balance the check reads from now on in this test. */
    public InfobipServerExtension balance(BigDecimal value) {
        this.balance = value;
        return this;
    }

    @Override
    Map<String, String> serviceProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sms.infobip.base-url", baseUrl().toString());
        p.put("sms.infobip.api-key", DEFAULT_API_KEY);
        p.put("sms.infobip.from", DEFAULT_FROM);
        p.put("sms.infobip.report-username", DEFAULT_REPORT_USERNAME);
        p.put("sms.infobip.report-password", DEFAULT_REPORT_PASSWORD);
        return p;
    }

    @Override
    public List<String> secrets() {
        return List.of(DEFAULT_API_KEY, DEFAULT_REPORT_PASSWORD);
    }

    @Override
    List<String> deliveredStatuses() {
        return List.of("PENDING", "DELIVERED");
    }

    @Override
    Optional<URI> callbackUrl(SentSms sms) {
        return sms.request().parameter("messages[0].notifyUrl").map(URI::create);
    }

    /** A delivery report: {@code {"results":[...]}} with HTTP Basic authentication, as the account configures. */
    @Override
    StatusCallback statusCallback(URI url, SentSms sms, String status, String errorCode, boolean forged,
            boolean messagesApi, Instant at) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("bulkId", "bulk-" + sms.messageId());
        report.put("messageId", sms.messageId());
        report.put("to", sms.to().substring(1));
        report.put("sentAt", DONE_AT.format(at.atOffset(ZoneOffset.UTC)));
        report.put("doneAt", DONE_AT.format(at.atOffset(ZoneOffset.UTC)));
        report.put("smsCount", 1);
        report.put("price", Map.of("pricePerMessage", 0.01, "currency", "EUR"));
        report.put("status", switch (status) {
            case "PENDING" -> status(1, "PENDING", 7, "PENDING_ENROUTE", "Message sent to next instance");
            case "DELIVERED" -> status(3, "DELIVERED", 5, "DELIVERED_TO_HANDSET", "Message delivered to handset");
            case "UNDELIVERABLE" -> status(2, "UNDELIVERABLE", 9, "UNDELIVERABLE_NOT_DELIVERED",
                    "Message sent not delivered");
            case "EXPIRED" -> status(4, "EXPIRED", 15, "EXPIRED_EXPIRY_TIME_EXPIRED", "Message expired");
            default -> status(5, status, 6, "REJECTED_NETWORK", "Network is forbidden");
        });
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("id", errorCode == null ? 0 : Integer.parseInt(errorCode));
        error.put("name", errorCode == null ? "NO_ERROR" : "EC_ABSENT_SUBSCRIBER");
        error.put("description", errorCode == null ? "No Error" : "Absent Subscriber");
        error.put("groupId", errorCode == null ? 0 : 1);
        error.put("groupName", errorCode == null ? "OK" : "HANDSET_ERRORS");
        error.put("permanent", false);
        report.put("error", error);
        String password = forged ? "forged-" + DEFAULT_REPORT_PASSWORD : DEFAULT_REPORT_PASSWORD;
        String basic = "Basic " + Base64.getEncoder().encodeToString((DEFAULT_REPORT_USERNAME + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return new StatusCallback("POST", url, Map.of("Content-Type", "application/json", "Authorization", basic),
                jsonText(Map.of("results", List.of(report))).getBytes(StandardCharsets.UTF_8), status);
    }

    @Override
    SmsRequest.Endpoint endpoint(LoggedRequest request) {
        String path = request.getUrl().split("\\?")[0];
        String method = request.getMethod().getName();
        if (method.equals("POST") && path.equals("/sms/2/text/advanced")) {
            return SmsRequest.Endpoint.SEND;
        }
        if (method.equals("GET") && path.equals("/account/1/balance")) {
            return SmsRequest.Endpoint.CHECK;
        }
        return SmsRequest.Endpoint.UNKNOWN;
    }

    @Override
    ResponseDefinitionBuilder answerSend(SmsRequest request) {
        if (!authorized(request)) {
            return standard(SmsFault.Kind.UNAUTHORIZED, 401, request);
        }
        Map<String, String> fields = request.parameters();
        String to = fields.get("messages[0].destinations[0].to");
        String text = fields.get("messages[0].text");
        if (to == null || text == null) {
            return error(400, "BAD_REQUEST", "Bad request: messages[0].destinations[0].to and messages[0].text are "
                    + "required", request);
        }
        if (!to.matches("\\+?[1-9][0-9]{6,14}")) {
            return standard(SmsFault.Kind.INVALID_NUMBER, 200, request);
        }
        String messageId = Long.toString(ids.incrementAndGet());
        accepted(new SentSms(to.startsWith("+") ? to : "+" + to, text, fields.get("messages[0].from"), messageId,
                request));
        return json(200, Map.of("bulkId", "bulk-" + messageId, "messages", List.of(message(to, messageId,
                status(1, "PENDING", 26, "PENDING_ACCEPTED", "Message sent to next instance")))));
    }

    @Override
    ResponseDefinitionBuilder answerCheck(SmsRequest request) {
        if (!authorized(request)) {
            return standard(SmsFault.Kind.UNAUTHORIZED, 401, request);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("balance", balance);
        body.put("currency", "EUR");
        return json(200, body);
    }

    /** Status 200: a message status named {@code code} in the REJECTED group; otherwise a request error. */
    @Override
    ResponseDefinitionBuilder error(int status, String code, String message, SmsRequest request) {
        if (status == 200) {
            String to = request.parameters().getOrDefault("messages[0].destinations[0].to", "");
            return json(200, Map.of("bulkId", "bulk-" + ids.incrementAndGet(), "messages", List.of(message(to,
                    Long.toString(ids.incrementAndGet()), status(5, "REJECTED", 14, code, message)))));
        }
        return json(status, Map.of("requestError", Map.of("serviceException", Map.of("messageId", code,
                "text", message))));
    }

    @Override
    ResponseDefinitionBuilder standard(SmsFault.Kind kind, int status, SmsRequest request) {
        return switch (kind) {
            case THROTTLED -> error(429, "TOO_MANY_REQUESTS", "Too many requests", request);
            case UNAUTHORIZED -> error(401, "UNAUTHORIZED", "Invalid login details", request);
            case INVALID_NUMBER -> error(200, "REJECTED_DESTINATION", "Invalid destination address", request);
            default -> error(status, "GENERAL_ERROR", "Something went wrong. Please contact support.", request);
        };
    }

    private static boolean authorized(SmsRequest request) {
        return request.header("Authorization").filter(("App " + DEFAULT_API_KEY)::equals).isPresent();
    }

    private static Map<String, Object> message(String to, String messageId, Map<String, Object> status) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("to", to);
        message.put("status", status);
        message.put("messageId", messageId);
        return message;
    }

    private static Map<String, Object> status(int groupId, String groupName, int id, String name, String description) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("groupId", groupId);
        status.put("groupName", groupName);
        status.put("id", id);
        status.put("name", name);
        status.put("description", description);
        return status;
    }
}
