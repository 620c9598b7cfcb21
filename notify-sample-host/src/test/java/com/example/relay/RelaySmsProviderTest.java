package com.example.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SendResult;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.SmsMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's example provider, sending through the notifier to a relay on loopback. */
class RelaySmsProviderTest {

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(202);
    private final AtomicReference<String> retryAfter = new AtomicReference<>();
    private HttpServer relay;

    @BeforeEach
    void startRelay() throws IOException {
        relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        relay.createContext("/send", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            if (retryAfter.get() != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter.get());
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        relay.start();
    }

    @AfterEach
    void stopRelay() {
        relay.stop(0);
    }

    private Settings settings() {
        return settings(Map.of());
    }

    private Settings settings(Map<String, String> extra) {
        String url = "http://127.0.0.1:" + relay.getAddress().getPort() + "/send";
        Map<String, String> properties = new HashMap<>(Map.of("sms.enabled", "true", "sms.delivery-method", "relay",
                "sms.relay.url", url, "sms.relay.api-key", "${env:RELAY_KEY}",
                "servers.eu-1.sms.relay.api-key", "${env:RELAY_KEY_EU}"));
        properties.putAll(extra);
        return PropertiesFormat.standard()
                .withSchema(SettingsSchema.of(List.of(new RelaySmsProvider())))
                .withEnvironment(Map.of("RELAY_KEY", "k-global", "RELAY_KEY_EU", "k-eu")::get)
                .parse(properties);
    }

    private Notifier notifier(Settings settings) {
        return Notifier.builder().settings(settings).provider(new RelaySmsProvider()).discoverProviders(false).build();
    }

    @Test
    void eachServerSendsWithItsOwnKey() {
        try (Notifier notifier = notifier(settings())) {
            SendResult global = notifier.global().sendSms(SmsMessage.of("+15550101234", "Your code is \"123456\""));
            notifier.server("eu-1").sendSms(SmsMessage.of("+447700900123", "Ihr Code"));

            assertThat(global.isAccepted()).isTrue();
            assertThat(authorizations).containsExactly("Bearer k-global", "Bearer k-eu");
            assertThat(bodies.get(0)).isEqualTo("{\"to\":\"+15550101234\",\"text\":\"Your code is \\\"123456\\\"\"}");
        }
    }

    @Test
    void refusedKeyIsASettingsErrorNamingTheServersKey() {
        status.set(401);
        try (Notifier notifier = notifier(settings())) {
            SettingsException e = catchThrowableOfType(SettingsException.class,
                    () -> notifier.server("eu-1").sendSms(SmsMessage.of("+15550101234", "hi")));

            assertThat(e.problems()).extracting(Problem::key).containsExactly("servers.eu-1.sms.relay.api-key");
            assertThat(e.getMessage()).doesNotContain("k-eu");
        }
    }

    @Test
    void missingKeyIsReportedByTheProvidersValidator() {
        Settings settings = PropertiesFormat.standard().withSchema(SettingsSchema.of(List.of(new RelaySmsProvider())))
                .parse(Map.of("sms.enabled", "true", "sms.delivery-method", "relay",
                        "sms.relay.url", "https://sms-relay.internal/send"));

        assertThat(settings.resolveGlobal().problems()).extracting(Problem::toString)
                .containsExactly("sms.relay.api-key: required when sms.delivery-method=relay");
    }

    @Test
    void retryAfterDateIsReadAgainstTheNotifiersClock() {
        Instant now = Instant.parse("2030-01-01T12:00:00Z");
        retryAfter.set(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atZone(ZoneOffset.UTC)));
        status.set(503);
        try (Notifier notifier = Notifier.builder().settings(settings(Map.of("sms.retry.max-attempts", "1")))
                .provider(new RelaySmsProvider()).discoverProviders(false).clock(Clock.fixed(now, ZoneOffset.UTC))
                .build()) {

            TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                    () -> notifier.global().sendSms(SmsMessage.of("+15550101234", "hi")));

            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        }
    }

    @Test
    void readmeShowsThisProviderAsItIs() throws IOException {
        String source = Files.readString(Path.of("src/test/java/com/example/relay/RelaySmsProvider.java"));
        String readme = Files.readString(Path.of("..", "README.md"));

        String body = source.substring(source.indexOf("/** An SMS provider"));
        assertThat(readme).contains(body.strip());
    }
}
