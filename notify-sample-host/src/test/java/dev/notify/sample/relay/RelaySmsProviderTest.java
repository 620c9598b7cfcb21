package dev.notify.sample.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SendResult;
import dev.notify.SettingsException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's example provider, sending through the notifier to a relay on loopback. */
class RelaySmsProviderTest {

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(202);
    private HttpServer relay;

    @BeforeEach
    void startRelay() throws IOException {
        relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        relay.createContext("/send", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
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
        String url = "http://127.0.0.1:" + relay.getAddress().getPort() + "/send";
        return PropertiesFormat.standard()
                .withSchema(SettingsSchema.of(List.of(new RelaySmsProvider())))
                .withEnvironment(Map.of("RELAY_KEY", "k-global", "RELAY_KEY_EU", "k-eu")::get)
                .parse(Map.of("sms.enabled", "true", "sms.delivery-method", "relay",
                        "sms.relay.url", url, "sms.relay.api-key", "${env:RELAY_KEY}",
                        "servers.eu-1.sms.relay.api-key", "${env:RELAY_KEY_EU}"));
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
    void readmeShowsThisProviderAsItIs() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/notify/sample/relay/RelaySmsProvider.java"));
        String readme = Files.readString(Path.of("..", "README.md"));

        String body = source.substring(source.indexOf("/** An SMS provider"));
        assertThat(readme).contains(body.strip());
    }
}
