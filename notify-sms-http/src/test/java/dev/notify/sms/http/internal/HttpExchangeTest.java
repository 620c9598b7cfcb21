package dev.notify.sms.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Settings;
import dev.notify.sms.http.WebhookSettingKeys;
import dev.notify.spi.TrustStores;
import dev.notify.testkit.sms.SmsFault;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpExchangeTest {

    @RegisterExtension
    static final WebhookServerExtension relay = WebhookServerExtension.create();

    private HttpExchange exchange() {
        ResolvedSettings settings = Settings.of(relay.layer()).resolveGlobal();
        ConnectionKeys keys = ConnectionKeys.of(WebhookSettingKeys.URL, "the SMS webhook");
        return HttpExchange.create("relay", Redactor.of(java.util.List.of()), settings, keys,
                TrustStores.Trust.of(relay.trustStore(), "the relay's"));
    }

    @Test
    void bodyLongerThanTheLimitIsCutAndMarked() {
        relay.failNextChecks(1, SmsFault.raw(200, "text/plain", "x".repeat(HttpExchange.MAX_BODY + 10_000)));

        HttpAnswer answer = exchange().send(exchange().request(URI.create(relay.baseUrl() + "/health")).GET().build());

        assertThat(answer.truncated()).isTrue();
        assertThat(answer.body()).hasSize(HttpExchange.MAX_BODY);
        assertThat(answer.json()).isEmpty();
    }

    @Test
    void bodyIsDecodedWithTheCharsetOfItsContentType() {
        relay.failNextChecks(1, SmsFault.raw(200, "text/plain; charset=ISO-8859-1", "Grüße"));

        HttpAnswer answer = exchange().send(exchange().request(URI.create(relay.baseUrl() + "/health")).GET().build());

        assertThat(answer.body()).isEqualTo("Grüße");
        assertThat(answer.truncated()).isFalse();
    }
}
