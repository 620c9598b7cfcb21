package dev.notify.sms.http.internal;

import dev.notify.json.Json;
import dev.notify.json.JsonObject;
import dev.notify.CheckReport;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.sms.http.InfobipSettingKeys;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Infobip's SMS API v2: {@code POST /sms/2/text/advanced} with {@code Authorization: App <key>} and the JSON
 * {@code {"messages":[{"destinations":[{"to":"15550101234"}],"from":"...","text":"..."}]}}. The answer gives each
 * message a {@code messageId} and a {@code status} whose group is PENDING when accepted, REJECTED when not; other
 * errors are {@code {"requestError":{"serviceException":{"messageId":"...","text":"..."}}}}. The check reads the
 * balance, {@code GET /account/1/balance}.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class InfobipService implements SmsService {

    private static final Set<String> ACCEPTED_GROUPS = Set.of("PENDING", "DELIVERED");

    private final URI baseUrl;
    private final Secret apiKey;
    private final String from;
    private final URI notifyUrl;

    private InfobipService(ResolvedSettings settings) {
        this.baseUrl = settings.get(InfobipSettingKeys.BASE_URL);
        this.apiKey = settings.get(InfobipSettingKeys.API_KEY);
        this.from = settings.find(InfobipSettingKeys.FROM).orElse(null);
        this.notifyUrl = ReceiptUrls.of(settings, "infobip");
    }

    /** The service for valid settings of the {@code infobip} provider. */
    public static InfobipService from(ResolvedSettings settings) {
        return new InfobipService(settings);
    }

    @Override
    public String name() {
        return "Infobip";
    }

    @Override
    public HttpRequest.Builder send(HttpExchange http, OutgoingSms sms) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("destinations", List.of(Map.of("to", sms.number().digits())));
        if (from != null) {
            message.put("from", from);
        }
        message.put("text", sms.text());
        if (notifyUrl != null) {
            message.put("notifyUrl", notifyUrl.toString());
            message.put("notifyContentType", "application/json");
        }
        String body = Json.write(Map.of("messages", List.of(message)));
        return http.request(URI.create(baseUrl + "/sms/2/text/advanced"))
                .header("Authorization", authorization())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Override
    public SendAnswer read(HttpAnswer answer) {
        Optional<JsonObject> json = answer.json();
        if (json.isEmpty()) {
            return new SendAnswer.Unreadable();
        }
        Optional<JsonObject> exception = json.get().object("requestError").flatMap(e -> e.object("serviceException"));
        if (exception.isPresent()) {
            return new SendAnswer.Refused(exception.get().text("messageId").orElse("error"),
                    exception.get().text("text").orElse(""), ServiceError.permanent("see Infobip's API errors"));
        }
        List<JsonObject> messages = json.get().objects("messages");
        if (messages.isEmpty()) {
            return new SendAnswer.Unreadable();
        }
        JsonObject message = messages.get(0);
        Optional<JsonObject> status = message.object("status");
        String group = status.flatMap(s -> s.text("groupName")).orElse("");
        String name = status.flatMap(s -> s.text("name")).orElse("");
        Optional<String> id = message.text("messageId");
        if (ACCEPTED_GROUPS.contains(group) && id.isPresent()) {
            return new SendAnswer.Accepted(id.get(), name.isEmpty() ? null : name);
        }
        if (name.isEmpty()) {
            return new SendAnswer.Unreadable();
        }
        String code = name + " (group " + group + status.flatMap(s -> s.text("id")).map(i -> ", id " + i).orElse("") + ")";
        return new SendAnswer.Refused(code, status.flatMap(s -> s.text("description")).orElse(""),
                InfobipStatuses.of(name));
    }

    @Override
    public Optional<HttpRequest.Builder> probe(HttpExchange http) {
        return Optional.of(http.request(URI.create(baseUrl + "/account/1/balance"))
                .header("Authorization", authorization())
                .header("Accept", "application/json")
                .GET());
    }

    /** {@code {"balance": 47.79, "currency": "EUR"}}; a balance of zero or less cannot send. */
    @Override
    public void probed(HttpAnswer answer, Redactor redactor, CheckReport.Builder report) {
        Optional<JsonObject> json = answer.json();
        Optional<BigDecimal> balance = json.flatMap(j -> j.number("balance")).flatMap(SmsService::balance);
        if (balance.isEmpty()) {
            report.failure("Infobip answered the balance request with something that cannot be read");
            return;
        }
        String currency = json.get().text("currency").map(c -> " " + redactor.excerpt(c, 8)).orElse("");
        report.item("account.balance", balance.get().toPlainString() + currency);
        if (balance.get().signum() <= 0) {
            report.failure("the Infobip account has no credit (balance " + balance.get().toPlainString() + currency
                    + "); top it up");
        }
    }

    @Override
    public void describe(CheckReport.Builder report) {
        report.item("sms.infobip.base-url", baseUrl.toString())
                .item("sms.infobip.from", from == null ? "(Infobip's default)" : from);
    }

    @Override
    public List<SettingKey<?>> credentialKeys() {
        return List.of(InfobipSettingKeys.BASE_URL, InfobipSettingKeys.API_KEY);
    }

    @Override
    public List<SettingKey<?>> endpointKeys() {
        return List.of(InfobipSettingKeys.BASE_URL);
    }

    @Override
    public Collection<String> secrets() {
        return List.of(apiKey.reveal());
    }

    private String authorization() {
        return "App " + apiKey.reveal();
    }
}
