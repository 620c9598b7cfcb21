package dev.notify.testkit.sms;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.notify.message.SmsLength;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Twilio Programmable Messaging stand-in: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} (form
 * fields {@code To}, {@code Body}, {@code From} or {@code MessagingServiceSid}) answered {@code 201} with a Message
 * SID, and {@code GET /2010-04-01/Accounts/{AccountSid}.json} with the account. HTTP Basic authentication with the
 * Account SID and auth token, or the API key SID and secret, is checked as Twilio does (error 20003); a missing
 * field or a {@code To} that is not E.164 gets Twilio's error (21604, 21602, 21603, 21211). Errors are
 * {@code {"code": ..., "message": ..., "more_info": ..., "status": ...}}.
 *
 * <p>This class is threadsafe.
 */
public final class TwilioServerExtension extends SmsServiceExtension {

    public static final String DEFAULT_ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    /** A test value, not a secret; a provider must still never show it. */
    public static final String DEFAULT_AUTH_TOKEN = "twilio-test-auth-token-9f8e7d6c";
    public static final String DEFAULT_API_KEY_SID = "SKfedcba9876543210fedcba9876543210";
    public static final String DEFAULT_API_KEY_SECRET = "twilio-test-api-key-secret-3c2b1a";
    /** The {@code sms.twilio.from} of {@link #properties()}. */
    public static final String DEFAULT_FROM = "+15005550006";

    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern ACCOUNT = Pattern.compile("/2010-04-01/Accounts/([^/]+)\\.json");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private volatile String accountStatus = "active";

    private TwilioServerExtension() {
    }

    /** A stub accepting the default Account SID, auth token and API key. */
    public static TwilioServerExtension create() {
        return new TwilioServerExtension();
    }

    @Override
    public String providerId() {
        return "twilio";
    }

    /** The {@code status} of the account the check fetches from now on in this test: active, suspended, closed. */
    public TwilioServerExtension accountStatus(String status) {
        this.accountStatus = status;
        return this;
    }

    @Override
    Map<String, String> serviceProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sms.twilio.base-url", baseUrl().toString());
        p.put("sms.twilio.account-sid", DEFAULT_ACCOUNT_SID);
        p.put("sms.twilio.auth-token", DEFAULT_AUTH_TOKEN);
        p.put("sms.twilio.from", DEFAULT_FROM);
        return p;
    }

    @Override
    public List<String> secrets() {
        return List.of(DEFAULT_AUTH_TOKEN, DEFAULT_API_KEY_SECRET);
    }

    @Override
    SmsRequest.Endpoint endpoint(LoggedRequest request) {
        String path = request.getUrl().split("\\?")[0];
        String method = request.getMethod().getName();
        if (method.equals("POST") && MESSAGES.matcher(path).matches()) {
            return SmsRequest.Endpoint.SEND;
        }
        if (method.equals("GET") && ACCOUNT.matcher(path).matches()) {
            return SmsRequest.Endpoint.CHECK;
        }
        return SmsRequest.Endpoint.UNKNOWN;
    }

    @Override
    ResponseDefinitionBuilder answerSend(SmsRequest request) {
        if (!authenticated(request, MESSAGES)) {
            return standard(SmsFault.Kind.UNAUTHORIZED, 401, request);
        }
        Map<String, String> form = request.parameters();
        String to = form.get("To");
        String body = form.get("Body");
        String from = form.get("From");
        String service = form.get("MessagingServiceSid");
        if (to == null || to.isBlank()) {
            return error(400, "21604", "A 'To' phone number is required.", request);
        }
        if (body == null || body.isEmpty()) {
            return error(400, "21602", "Message body is required.", request);
        }
        if ((from == null || from.isBlank()) && (service == null || service.isBlank())) {
            return error(400, "21603", "A 'From' phone number is required.", request);
        }
        if (!E164.matcher(to).matches()) {
            return standard(SmsFault.Kind.INVALID_NUMBER, 400, request);
        }
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        accepted(new SentSms(to, body, from != null ? from : service, sid, request));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("sid", sid);
        message.put("account_sid", DEFAULT_ACCOUNT_SID);
        message.put("to", to);
        message.put("from", from);
        message.put("messaging_service_sid", service);
        message.put("body", body);
        message.put("status", service != null ? "accepted" : "queued");
        message.put("num_segments", Integer.toString(SmsLength.of(body).segments()));
        message.put("direction", "outbound-api");
        message.put("api_version", "2010-04-01");
        message.put("error_code", null);
        message.put("error_message", null);
        message.put("uri", "/2010-04-01/Accounts/" + DEFAULT_ACCOUNT_SID + "/Messages/" + sid + ".json");
        return json(201, message);
    }

    @Override
    List<String> deliveredStatuses() {
        return List.of("queued", "sending", "sent", "delivered");
    }

    @Override
    Optional<URI> callbackUrl(SentSms sms) {
        return sms.request().parameter("StatusCallback").map(URI::create);
    }

    /** A form POST with {@code X-Twilio-Signature}, as Twilio's StatusCallback requests are. */
    @Override
    StatusCallback statusCallback(URI url, SentSms sms, String status, String errorCode, boolean forged,
            boolean messagesApi, Instant at) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SmsSid", sms.messageId());
        form.put("SmsStatus", status);
        form.put("MessageStatus", status);
        form.put("To", sms.to());
        form.put("MessageSid", sms.messageId());
        form.put("AccountSid", DEFAULT_ACCOUNT_SID);
        form.put("From", sms.sender().orElse(DEFAULT_FROM));
        form.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        String token = forged ? "forged-" + DEFAULT_AUTH_TOKEN : DEFAULT_AUTH_TOKEN;
        return new StatusCallback("POST", url, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", CallbackSigning.twilio(token, url.toString(), form),
                "I-Twilio-Idempotency-Token", UUID.randomUUID().toString()), body.getBytes(StandardCharsets.UTF_8),
                status);
    }

    @Override
    ResponseDefinitionBuilder answerCheck(SmsRequest request) {
        if (!authenticated(request, ACCOUNT)) {
            return standard(SmsFault.Kind.UNAUTHORIZED, 401, request);
        }
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("sid", DEFAULT_ACCOUNT_SID);
        account.put("friendly_name", "notify test account");
        account.put("status", accountStatus);
        account.put("type", "Full");
        return json(200, account);
    }

    @Override
    ResponseDefinitionBuilder error(int status, String code, String message, SmsRequest request) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.matches("[0-9]+") ? Integer.valueOf(code) : code);
        error.put("message", message);
        error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        error.put("status", status);
        return json(status, error);
    }

    @Override
    ResponseDefinitionBuilder standard(SmsFault.Kind kind, int status, SmsRequest request) {
        return switch (kind) {
            case THROTTLED -> error(429, "20429", "Too Many Requests", request);
            case UNAUTHORIZED -> error(401, "20003", "Authenticate", request);
            case INVALID_NUMBER -> error(400, "21211", "The 'To' number " + request.parameters().getOrDefault("To", "")
                    + " is not a valid phone number.", request);
            default -> error(status, "20500", "An internal server error has occurred", request);
        };
    }

    private static boolean authenticated(SmsRequest request, Pattern path) {
        Matcher m = path.matcher(request.path().split("\\?")[0]);
        if (!m.matches() || !m.group(1).equals(DEFAULT_ACCOUNT_SID)) {
            return false;
        }
        Optional<String[]> credentials = request.header("Authorization").filter(h -> h.startsWith("Basic "))
                .map(h -> decode(h.substring("Basic ".length())));
        return credentials.filter(c -> (c[0].equals(DEFAULT_ACCOUNT_SID) && c[1].equals(DEFAULT_AUTH_TOKEN))
                || (c[0].equals(DEFAULT_API_KEY_SID) && c[1].equals(DEFAULT_API_KEY_SECRET))).isPresent();
    }

    static String[] decode(String basic) {
        try {
            String pair = new String(Base64.getDecoder().decode(basic.strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return new String[] {"", ""};
        }
    }
}
