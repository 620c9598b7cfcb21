package dev.notify.sms.http.internal;

import dev.notify.json.Json;
import dev.notify.json.JsonObject;
import dev.notify.CheckReport;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.sms.http.WebhookSettingKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A generic JSON webhook for in-house SMS relays: {@code POST <sms.webhook.url>} with the configured headers and
 * the body {@code {"messageId":"<...>","to":"+15550101234","text":"...","from":"...","encoding":"gsm-7",
 * "segments":1}} ({@code from} only when set). Any 2xx accepts; an {@code id} or {@code messageId} string in a
 * JSON answer is kept as the relay's id. The check GETs {@code sms.webhook.health-url} when set.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class WebhookService implements SmsService {

    private final URI url;
    private final List<WebhookHeaders.Header> headers;
    private final URI healthUrl;
    private final String from;

    private WebhookService(ResolvedSettings settings) {
        this.url = settings.get(WebhookSettingKeys.URL);
        this.headers = settings.find(WebhookSettingKeys.HEADERS).map(h -> WebhookHeaders.parse(h.reveal()))
                .orElse(List.of());
        this.healthUrl = settings.find(WebhookSettingKeys.HEALTH_URL).orElse(null);
        this.from = settings.find(WebhookSettingKeys.FROM).orElse(null);
    }

    /** The service for valid settings of the {@code webhook} provider. */
    public static WebhookService from(ResolvedSettings settings) {
        return new WebhookService(settings);
    }

    @Override
    public String name() {
        return "the SMS webhook " + url.getHost();
    }

    @Override
    public HttpRequest.Builder send(HttpExchange http, OutgoingSms sms) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", sms.messageId());
        body.put("to", sms.number().e164());
        body.put("text", sms.text());
        if (from != null) {
            body.put("from", from);
        }
        body.put("encoding", sms.length().encoding().id());
        body.put("segments", sms.length().segments());
        HttpRequest.Builder request = http.request(url)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        headers.forEach(h -> request.header(h.name(), h.value()));
        return request;
    }

    /** A 2xx accepts, with the relay's {@code id} or {@code messageId} when it gives one; anything else refuses. */
    @Override
    public SendAnswer read(HttpAnswer answer) {
        Optional<JsonObject> json = answer.json();
        if (answer.isSuccess()) {
            return new SendAnswer.Accepted(json.flatMap(j -> j.text("id").or(() -> j.text("messageId"))).orElse(null),
                    json.flatMap(j -> j.text("status")).orElse(null));
        }
        String code = json.flatMap(j -> j.text("error").or(() -> j.text("code"))).orElse("");
        String message = json.flatMap(j -> j.text("message")).orElse(answer.body());
        return new SendAnswer.Refused(code, message, ServiceError.permanent("sending the same SMS again would be "
                + "refused again; see what the relay said"));
    }

    @Override
    public Optional<HttpRequest.Builder> probe(HttpExchange http) {
        if (healthUrl == null) {
            return Optional.empty();
        }
        HttpRequest.Builder request = http.request(healthUrl).header("Accept", "application/json").GET();
        if (sameOrigin(healthUrl, url)) {
            headers.forEach(h -> request.header(h.name(), h.value()));
        }
        return Optional.of(request);
    }

    @Override
    public void probed(HttpAnswer answer, Redactor redactor, CheckReport.Builder report) {
        report.item("health", "HTTP " + answer.status());
    }

    @Override
    public void describe(CheckReport.Builder report) {
        report.item("sms.webhook.url", url.toString())
                .item("sms.webhook.headers", headers.isEmpty() ? "(none)"
                        : headers.stream().map(WebhookHeaders.Header::name).collect(Collectors.joining(", ")));
        if (from != null) {
            report.item("sms.webhook.from", from);
        }
        report.item("sms.webhook.health-url", healthUrl == null
                ? "(none: settings checked, the relay not contacted)" : healthUrl.toString());
    }

    @Override
    public List<SettingKey<?>> credentialKeys() {
        return List.of(WebhookSettingKeys.HEADERS);
    }

    @Override
    public List<SettingKey<?>> endpointKeys() {
        return List.of(WebhookSettingKeys.URL);
    }

    @Override
    public Collection<String> secrets() {
        return headers.stream().map(WebhookHeaders.Header::value).toList();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : Objects.equals(uri.getScheme(), "https") ? 443 : 80;
    }
}
