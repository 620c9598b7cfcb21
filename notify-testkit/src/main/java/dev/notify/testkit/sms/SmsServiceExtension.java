package dev.notify.testkit.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.notify.settings.Layer;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.contract.SmsSenderHarness;
import dev.notify.testkit.internal.HttpsStub;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HTTP SMS service stand-in for tests: WireMock over HTTPS on loopback that answers the service's send and
 * check endpoints as the service does, refuses wrong credentials as it does, records every request decoded, and
 * answers with the {@link SmsFault}s a test queues. One subclass per service: {@link TwilioServerExtension},
 * {@link VonageServerExtension}, {@link InfobipServerExtension}, {@link WebhookServerExtension}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TwilioServerExtension twilio = TwilioServerExtension.create();
 *
 * @Test
 * void sendsThePasscode() {
 *     try (Notifier notifier = Notifier.builder().settings(Settings.of(twilio.layer())).build()) {
 *         notifier.global().sendSms(SmsMessage.of("+1 555 010 1234", "Your code is 123456."));
 *     }
 *     assertThat(twilio.messages()).singleElement().satisfies(sms -> assertThat(sms.to()).isEqualTo("+15550101234"));
 * }
 * }</pre>
 *
 * <p>The server's certificate is a self-signed one for {@code localhost} made when the stub starts;
 * {@link #properties()} and {@link #layer()} name its trust store in {@code sms.<id>.trust-store}, so the provider
 * found by ServiceLoader verifies TLS as usual and trusts it. Register the extension in a static field to share one
 * server by all tests of a class; what it recorded and the faults queued are cleared before each test. A stub is
 * {@link AutoCloseable}, and JUnit closes the arguments of a parameterized test after each invocation: pass a
 * stub's {@link #providerId()} to a parameterized test, not the stub.
 *
 * <p>This class is threadsafe: tests may send from many threads.
 */
public abstract sealed class SmsServiceExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, AutoCloseable
        permits TwilioServerExtension, VonageServerExtension, InfobipServerExtension, WebhookServerExtension {

    private static final String STORE_PASSWORD = HttpsStub.STORE_PASSWORD;
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";]+)");

    final StubState state = new StubState();
    private final String transformer = "notify-sms-stub-" + Integer.toHexString(System.identityHashCode(this));
    private final HttpsStub stub = new HttpsStub(() -> "the " + providerId() + " stub",
            server -> server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(transformer))),
            HttpsStub.transformer(transformer, event -> respond(event.getRequest()).build()));

    SmsServiceExtension() {
    }

    /** The provider id these settings select: {@code twilio}, {@code vonage}, {@code infobip}, {@code webhook}. */
    public abstract String providerId();

    /** The service's own keys pointing at this stub: URL, credentials, sender. */
    abstract Map<String, String> serviceProperties();

    /** Which endpoint a request is for. */
    abstract SmsRequest.Endpoint endpoint(LoggedRequest request);

    /** Answers a send that has no fault queued: checks credentials and fields, records the SMS, answers as the service. */
    abstract ResponseDefinitionBuilder answerSend(SmsRequest request);

    /** Answers a check that has no fault queued. */
    abstract ResponseDefinitionBuilder answerCheck(SmsRequest request);

    /** An error in the service's format; see {@link SmsFault#error}. */
    abstract ResponseDefinitionBuilder error(int status, String code, String message, SmsRequest request);

    /** The service's answer to {@code kind} (throttled, server error, unauthorized, invalid number). */
    abstract ResponseDefinitionBuilder standard(SmsFault.Kind kind, int status, SmsRequest request);

    @Override
    public void beforeAll(ExtensionContext context) {
        stub.beforeAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stub.afterAll();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stub.beforeEach();
        state.reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stub.afterEach();
    }

    /** Starts the server outside JUnit (a demo, a benchmark); {@link #close()} stops it. */
    public SmsServiceExtension start() {
        stub.start();
        return this;
    }

    /** Stops a server started with {@link #start()}. */
    @Override
    public void close() {
        stub.stop();
    }

    /**
     * Settings that send SMS through this stub, with their values written out (secrets included): to write a
     * settings file for the CLI or a child process. {@code sms.enabled}, {@code sms.delivery-method}, the
     * service's URL, credentials and sender, and its trust store.
     */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sms.enabled", "true");
        p.put("sms.delivery-method", providerId());
        p.putAll(serviceProperties());
        p.put("sms." + providerId() + ".trust-store", trustStorePath().toString());
        p.put("sms." + providerId() + ".trust-store-password", trustStorePassword());
        return p;
    }

    /** {@link #properties()} as a global settings layer. */
    public Layer layer() {
        Layer.Builder b = Layer.builder();
        properties().forEach(b::set);
        return b.build();
    }

    /** {@code https://localhost:<port>}. */
    public URI baseUrl() {
        return stub.baseUrl();
    }

    /** A trust store holding the server's (self-signed) certificate and nothing else. */
    public KeyStore trustStore() {
        return stub.trustStore();
    }

    /** {@link #trustStore()} as a PKCS#12 file; gone after the stub stops. */
    public Path trustStorePath() {
        return stub.trustStorePath();
    }

    public String trustStorePassword() {
        return STORE_PASSWORD;
    }

    /** A TLS context trusting only this server, verifying host names as usual. */
    public SSLContext sslContext() {
        return stub.sslContext();
    }

    /** Every request received since the test started, faulted and refused ones included, in order. */
    public List<SmsRequest> requests() {
        return List.copyOf(state.requests);
    }

    /** The requests to one endpoint. */
    public List<SmsRequest> requests(SmsRequest.Endpoint endpoint) {
        return state.requests.stream().filter(r -> r.endpoint() == endpoint).toList();
    }

    /** Every SMS the stub accepted since the test started, in order. */
    public List<SentSms> messages() {
        return List.copyOf(state.sent);
    }

    /** Answers the next send with {@code fault}, after any faults already queued. */
    public SmsServiceExtension failNextSend(SmsFault fault) {
        return failNextSends(1, fault);
    }

    /** Answers the next {@code count} sends with {@code fault}, after any faults already queued. */
    public SmsServiceExtension failNextSends(int count, SmsFault fault) {
        state.addFaults(SmsRequest.Endpoint.SEND, requirePositive(count), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Answers the next {@code count} checks (account, balance, health) with {@code fault}. */
    public SmsServiceExtension failNextChecks(int count, SmsFault fault) {
        state.addFaults(SmsRequest.Endpoint.CHECK, requirePositive(count), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /**
     * A harness for {@link dev.notify.testkit.contract.SmsSenderContractTest} that runs {@code provider} against
     * this stub: {@link #layer()} as settings, a 500 as the transient failure, an invalid number as the permanent
     * one, {@link #messages()} as what was received.
     */
    public SmsSenderHarness harness(SenderProvider provider) {
        return new StubHarness(this, Objects.requireNonNull(provider, "provider"));
    }

    /** The credential values of {@link #properties()}, which a provider must never show. */
    public abstract List<String> secrets();

    /**
     * The status callbacks (delivery receipts) this service would send the host for {@code sms}, one of
     * {@link #messages()}: signed with this stub's secrets ({@link #properties()} holds them), to the callback URL
     * the send gave the service. Twilio, Vonage and Infobip only.
     *
     * @throws UnsupportedOperationException for the webhook stub, whose relays report nothing
     */
    public StatusCallbacks statusCallbacks(SentSms sms) {
        return new StatusCallbacks(this, sms);
    }

    /** The service's statuses from acceptance to delivered, in its words. */
    List<String> deliveredStatuses() {
        throw new UnsupportedOperationException("the " + providerId() + " stub sends no status callbacks");
    }

    /** The callback URL the send of {@code sms} gave the service. */
    Optional<URI> callbackUrl(SentSms sms) {
        return Optional.empty();
    }

    /** One callback for {@code sms} reporting {@code status}, signed with a wrong secret when {@code forged}. */
    StatusCallback statusCallback(URI url, SentSms sms, String status, String errorCode, boolean forged,
            boolean messagesApi, Instant at) {
        throw new UnsupportedOperationException("the " + providerId() + " stub sends no status callbacks");
    }

    /** {@code body} as compact JSON text. */
    static String jsonText(Object body) {
        try {
            return Json.getObjectMapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    /** Records an accepted SMS. */
    void accepted(SentSms sms) {
        state.sent.add(sms);
    }

    /** A JSON answer, written compactly as the services write theirs. */
    static ResponseDefinitionBuilder json(int status, Object body) {
        String text = jsonText(body);
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(text);
    }

    private ResponseDefinitionBuilder respond(LoggedRequest logged) {
        SmsRequest.Endpoint endpoint = endpoint(logged);
        SmsRequest request = RequestDecoder.decode(endpoint, logged);
        state.requests.add(request);
        if (endpoint == SmsRequest.Endpoint.UNKNOWN) {
            return error(404, "not-found", "The requested resource " + logged.getUrl() + " was not found", request);
        }
        SmsFault fault = state.nextFault(endpoint);
        if (fault == null) {
            return answer(request);
        }
        return switch (fault.kind()) {
            case SLOW -> answer(request).withFixedDelay((int) fault.delay().toMillis());
            case ERROR -> error(fault.status(), fault.code(), fault.message(), request);
            case RAW -> ResponseDefinitionBuilder.responseDefinition().withStatus(fault.status())
                    .withHeader("Content-Type", fault.contentType())
                    .withBody(fault.message().getBytes(charset(fault.contentType())));
            case REDIRECT -> ResponseDefinitionBuilder.responseDefinition().withStatus(fault.status())
                    .withHeader("Location", fault.message());
            case THROTTLED -> {
                ResponseDefinitionBuilder throttled = standard(fault.kind(), 429, request);
                yield fault.retryAfter() == null ? throttled : throttled.withHeader("Retry-After", fault.retryAfter());
            }
            default -> standard(fault.kind(), fault.status(), request);
        };
    }

    /** The charset a Content-Type names, UTF-8 when it names none or one this JVM lacks. */
    private static Charset charset(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private ResponseDefinitionBuilder answer(SmsRequest request) {
        return request.endpoint() == SmsRequest.Endpoint.SEND ? answerSend(request) : answerCheck(request);
    }

    private static int requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return count;
    }
}
