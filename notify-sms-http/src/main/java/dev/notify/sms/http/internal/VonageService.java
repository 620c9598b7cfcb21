package dev.notify.sms.http.internal;

import dev.notify.json.JsonObject;
import dev.notify.CheckReport;
import dev.notify.message.SmsEncoding;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.sms.http.VonageSettingKeys;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The Vonage SMS API: {@code POST /sms/json}, form encoded, with {@code api_key}, {@code api_secret}, {@code from},
 * {@code to} (E.164 digits without {@code +}), {@code text} and {@code type=unicode} for a UCS-2 text. Every answer
 * lists each part's {@code status}, {@code 0} when accepted, also under HTTP 200. The check reads the balance,
 * {@code GET /account/get-balance} with HTTP Basic authentication.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class VonageService implements SmsService {

    private final URI baseUrl;
    private final String apiKey;
    private final Secret apiSecret;
    private final String from;
    private final URI callback;

    private VonageService(ResolvedSettings settings) {
        this.baseUrl = settings.get(VonageSettingKeys.BASE_URL);
        this.apiKey = settings.get(VonageSettingKeys.API_KEY);
        this.apiSecret = settings.get(VonageSettingKeys.API_SECRET);
        String sender = settings.get(VonageSettingKeys.FROM);
        this.from = sender.matches("\\+[0-9]+") ? sender.substring(1) : sender;
        this.callback = ReceiptUrls.of(settings, "vonage");
    }

    /** The service for valid settings of the {@code vonage} provider. */
    public static VonageService from(ResolvedSettings settings) {
        return new VonageService(settings);
    }

    @Override
    public String name() {
        return "Vonage";
    }

    @Override
    public HttpRequest.Builder send(HttpExchange http, OutgoingSms sms) {
        FormBody form = new FormBody()
                .add("api_key", apiKey)
                .add("api_secret", apiSecret.reveal())
                .add("from", from)
                .add("to", sms.number().digits())
                .add("text", sms.text());
        if (sms.length().encoding() == SmsEncoding.UCS_2) {
            form.add("type", "unicode");
        }
        if (callback != null) {
            form.add("callback", callback.toString());
        }
        return http.request(URI.create(baseUrl + "/sms/json"))
                .header("Accept", "application/json")
                .header("Content-Type", FormBody.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(form.encode()));
    }

    /**
     * {@code {"message-count":"1","messages":[{"status":"0","message-id":"..."}]}}: accepted when every part's
     * status is 0; otherwise the first other status, with its {@code error-text}.
     */
    @Override
    public SendAnswer read(HttpAnswer answer) {
        Optional<JsonObject> json = answer.json();
        if (json.isEmpty()) {
            return new SendAnswer.Unreadable();
        }
        List<JsonObject> parts = json.get().objects("messages");
        for (JsonObject part : parts) {
            Optional<String> status = part.text("status");
            if (status.isEmpty()) {
                return new SendAnswer.Unreadable();
            }
            if (!status.get().equals("0")) {
                return new SendAnswer.Refused("status " + status.get(), part.text("error-text").orElse(""),
                        VonageStatuses.of(status.get()));
            }
        }
        List<String> ids = parts.stream().map(p -> p.text("message-id").orElse("")).filter(id -> !id.isEmpty()).toList();
        if (!parts.isEmpty() && ids.size() == parts.size()) {
            return new SendAnswer.Accepted(String.join(",", ids), null);
        }
        Optional<String> label = json.get().text("error-code-label").or(() -> json.get().text("detail"));
        if (label.isEmpty()) {
            return new SendAnswer.Unreadable();
        }
        String code = json.get().text("error-code").or(() -> json.get().text("title")).orElse("");
        return new SendAnswer.Refused("error " + code, label.get(), ServiceError.permanent("see Vonage's API errors"));
    }

    @Override
    public Optional<HttpRequest.Builder> probe(HttpExchange http) {
        return Optional.of(http.request(URI.create(baseUrl + "/account/get-balance"))
                .header("Authorization", auth().header())
                .header("Accept", "application/json")
                .GET());
    }

    /** {@code {"value": 10.28, "autoReload": false}}; a balance of zero or less cannot send. */
    @Override
    public void probed(HttpAnswer answer, Redactor redactor, CheckReport.Builder report) {
        Optional<BigDecimal> balance = answer.json().flatMap(j -> j.number("value")).flatMap(SmsService::balance);
        if (balance.isEmpty()) {
            report.failure("Vonage answered the balance request with something that cannot be read");
            return;
        }
        report.item("account.balance", balance.get().toPlainString());
        if (balance.get().signum() <= 0) {
            report.failure("the Vonage account has no credit (balance " + balance.get().toPlainString() + "); top it "
                    + "up in the Vonage API Dashboard");
        }
    }

    @Override
    public void describe(CheckReport.Builder report) {
        report.item("sms.vonage.base-url", baseUrl.toString())
                .item("sms.vonage.api-key", apiKey)
                .item("sms.vonage.from", from);
    }

    @Override
    public List<SettingKey<?>> credentialKeys() {
        return List.of(VonageSettingKeys.API_KEY, VonageSettingKeys.API_SECRET);
    }

    @Override
    public List<SettingKey<?>> endpointKeys() {
        return List.of(VonageSettingKeys.BASE_URL);
    }

    @Override
    public Collection<String> secrets() {
        return auth().secrets();
    }

    private BasicAuth auth() {
        return new BasicAuth(apiKey, apiSecret);
    }
}
