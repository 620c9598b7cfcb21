package com.example.relay;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.DeliveryException;
import dev.notify.PermanentDeliveryException;
import dev.notify.SendRejectedException;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.spi.Delivery;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.RetryAfter;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import dev.notify.spi.SmsSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An SMS provider for a company's in-house relay: one JSON POST per message. */
public final class RelaySmsProvider implements SenderProvider {

    static final SettingKey<URI> URL = SettingKey.url("sms.relay.url")
            .description("The relay's endpoint, https://sms-relay.internal/send.")
            .build();
    static final SettingKey<Secret> API_KEY = SettingKey.secret("sms.relay.api-key")
            .credentialGroup("relay-credentials")
            .description("The relay's API key, sent as a bearer token.")
            .build();
    static final SettingKey<Duration> TIMEOUT = SettingKey.duration("sms.relay.timeout")
            .defaultValue(Duration.ofSeconds(10))
            .description("How long to wait for the connection and for the relay's answer.")
            .build();

    private static final ProviderSettings SETTINGS = ProviderSettings.of(List.of(URL, API_KEY, TIMEOUT),
            check -> check.require(URL, "required when sms.delivery-method=relay")
                    .require(API_KEY, "required when sms.delivery-method=relay"));

    @Override
    public String id() {
        return "relay";
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public ProviderSettings settings() {
        return SETTINGS;
    }

    @Override
    public Optional<String> artifact() {
        return Optional.of("com.example:relay-sms-provider");
    }

    @Override
    public SmsSender create(SenderContext context) {
        return new RelaySender(context.settings(), context.clock());
    }

    private static final class RelaySender implements SmsSender {
        private final ResolvedSettings settings;
        private final Clock clock;
        private final HttpClient http;
        private volatile boolean closed;

        RelaySender(ResolvedSettings settings, Clock clock) {
            this.settings = settings;
            this.clock = clock;
            this.http = HttpClient.newBuilder().connectTimeout(settings.get(TIMEOUT)).build();
        }

        @Override
        public Delivery send(SmsMessage sms) {
            if (closed) {
                throw new SendRejectedException("the relay sender is closed");
            }
            HttpRequest request = HttpRequest.newBuilder(settings.get(URL))
                    .timeout(settings.get(TIMEOUT))
                    .header("Authorization", "Bearer " + settings.get(API_KEY).reveal())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + sms.phoneNumber() + "\",\"text\":\""
                            + json(sms.text()) + "\"}"))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new TransientDeliveryException("the relay did not answer: " + e.getMessage(),
                        DeliveryException.Details.of(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientDeliveryException("interrupted", DeliveryException.Details.of(), e);
            }
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                throw new SettingsException(List.of(settings.problem(API_KEY, "the relay refused the key (HTTP "
                        + status + ")")));
            }
            if (status == 429 || status >= 500) {
                DeliveryException.Details details = DeliveryException.Details.of().replyCode(status);
                Optional<Duration> wait = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                        clock.instant());
                throw new TransientDeliveryException("the relay answered HTTP " + status,
                        wait.map(details::retryAfter).orElse(details), null);
            }
            if (status >= 400) {
                throw new PermanentDeliveryException("the relay refused the message: HTTP " + status,
                        DeliveryException.Details.of().replyCode(status), null);
            }
            return Delivery.accepted(sms.messageId().orElseThrow(), List.of(sms.phoneNumber()))
                    .withDetail("sms.outcome", "accepted by the relay");
        }

        private static String json(String text) {
            return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
        }

        @Override
        public CheckReport check() {
            return CheckReport.builder("relay").item("url", settings.get(URL).toString()).build();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
