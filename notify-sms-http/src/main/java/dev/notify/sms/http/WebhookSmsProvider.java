package dev.notify.sms.http;

import dev.notify.sms.http.internal.ProviderOptions;
import dev.notify.sms.http.internal.WebhookService;

/**
 * Sends SMS to an in-house relay with a JSON webhook: {@code sms.delivery-method=webhook}.
 *
 * <p>Each send is one {@code POST <sms.webhook.url>} with the headers of {@code sms.webhook.headers} and
 * {@code Content-Type: application/json; charset=utf-8}, and the body
 * <pre>{@code
 * {"messageId":"<2f1c...@portal.example.com>","to":"+15550101234","text":"Your code is 123456.",
 *  "from":"ACME","encoding":"gsm-7","segments":1}
 * }</pre>
 * {@code messageId} is the same on every attempt of a message, so a relay can recognise a retry; {@code to} is
 * E.164; {@code from} is {@code sms.webhook.from}, left out when not set; {@code encoding} ({@code gsm-7} or
 * {@code ucs-2}) and {@code segments} are notify's measure of the text. Any 2xx is a result that says "accepted by
 * the SMS webhook &lt;host&gt;"; an {@code id} or {@code messageId} string in a JSON answer becomes its message id,
 * else the {@code messageId} sent.
 *
 * <p>Failures: 429 and 5xx are transient, with {@code Retry-After}; 401 and 403 are a
 * {@link dev.notify.SettingsException} naming {@code sms.webhook.headers}; 404 and redirects name
 * {@code sms.webhook.url}; any other answer is permanent, quoting the relay's {@code error} and {@code message}
 * (or its body). {@code check()} GETs {@code sms.webhook.health-url} when it is
 * set, and otherwise reports the settings only.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class WebhookSmsProvider extends HttpSmsProvider<WebhookSmsProvider> {

    /** The provider id, the value of {@code sms.delivery-method}. */
    public static final String ID = "webhook";

    /** Verifies TLS with the JVM's trust store; the constructor ServiceLoader uses. */
    public WebhookSmsProvider() {
        this(ProviderOptions.defaults());
    }

    private WebhookSmsProvider(ProviderOptions options) {
        super(ID, WebhookSettingKeys.settings(), WebhookSettingKeys.connection(), WebhookService::from, WebhookSmsProvider::new,
                options);
    }
}
