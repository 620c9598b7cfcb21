package dev.notify.testkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.testkit.internal.HttpsStub;
import dev.notify.testkit.tls.TestCertificate;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Microsoft Graph and Entra ID stand-in for tests: WireMock over HTTPS on loopback serving the client-credentials
 * token endpoint, {@code sendMail}, JSON batches of sendMail requests ({@code $batch}), and the draft path of large messages (create a draft, post attachments, upload
 * sessions with their pre-authorised upload URLs, send, delete, permanentDelete), recording every mail decoded into notify's
 * {@link EmailMessage} and every upload as an {@link UploadedAttachment}. Faults can be injected into each:
 * {@link #failNextSendMails}, {@link #failUploadChunk}, {@link #expireUploadSessionsAfter},
 * {@link #expireUploadSession}, and tokens without {@code Mail.ReadWrite} ({@link #roles}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GraphServerExtension graph = GraphServerExtension.create();
 *
 * @Test
 * void sendsThroughGraph() {
 *     try (Notifier notifier = Notifier.builder()
 *             .settings(Settings.builder().global(graph.layer()).build())
 *             .provider(new GraphSenderProvider().withTrustStore(graph.trustStore()))
 *             .build()) {
 *         notifier.global().sendEmail(message);
 *     }
 *     assertThat(graph.messages()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>The server's certificate is a self-signed one for {@code localhost} made when the fixture starts (see
 * {@link TestCertificate}); trust it with {@link #trustStore()} (or {@link #trustStorePath()} and {@link #trustStorePassword()}, or
 * {@link #sslContext()}). Register the extension in a static field to share one server by all tests of a class;
 * what it recorded and the faults queued are cleared before each test. Tokens are JWTs with the {@code roles} of
 * {@link #roles(String...)} and a signature nobody can check.
 *
 * <p>This class is threadsafe: tests may send from many threads.
 */
public final class GraphServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, AutoCloseable {

    /** The tenant ID, client ID and secret the fixture accepts unless told otherwise. */
    public static final String DEFAULT_TENANT_ID = "11111111-2222-3333-4444-555555555555";
    public static final String DEFAULT_CLIENT_ID = "66666666-7777-8888-9999-000000000000";
    public static final String DEFAULT_CLIENT_SECRET = "test-client-secret~value";
    /** The {@code email.sender} of {@link #layer()}. */
    public static final String DEFAULT_SENDER = "notifications@contoso.example";

    private static final String STORE_PASSWORD = HttpsStub.STORE_PASSWORD;

    private final String tenantId;
    private final String clientId;
    private final String clientSecret;
    private final String sender;
    private final FixtureState state;
    private final HttpsStub stub;

    private GraphServerExtension(String tenantId, String clientId, String clientSecret, String sender) {
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.sender = sender;
        this.state = new FixtureState(tenantId, clientId, clientSecret);
        UploadEndpoint upload = new UploadEndpoint(state);
        SendMailEndpoint sendMail = new SendMailEndpoint(state);
        this.stub = new HttpsStub(() -> "the Graph fixture", GraphServerExtension::route,
                HttpsStub.transformer(TokenEndpoint.NAME, new TokenEndpoint(state)::transform),
                HttpsStub.transformer(SendMailEndpoint.NAME, sendMail::transform),
                HttpsStub.transformer(BatchEndpoint.NAME, new BatchEndpoint(state, sendMail)::transform),
                HttpsStub.transformer(DraftEndpoint.NAME, new DraftEndpoint(state)::transform),
                HttpsStub.transformer(UploadEndpoint.NAME, event -> {
                    forgetEarlierUploads();
                    return upload.transform(event);
                }));
    }

    /** Keeps WireMock's request journal from holding every chunk of a large upload: only the latest stays. */
    private void forgetEarlierUploads() {
        stub.running().removeServeEventsMatching(anyRequestedFor(urlPathMatching(UploadEndpoint.PATH + ".*")).build());
    }

    /** A fixture with the default tenant, client, secret and sender. */
    public static GraphServerExtension create() {
        return new GraphServerExtension(DEFAULT_TENANT_ID, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_SENDER);
    }

    /** A fixture accepting another app registration; any other tenant, client ID or secret is refused like Entra ID does. */
    public GraphServerExtension withCredentials(String tenantId, String clientId, String clientSecret) {
        return new GraphServerExtension(requireText(tenantId, "tenantId"), requireText(clientId, "clientId"),
                requireText(clientSecret, "clientSecret"), sender);
    }

    /** A fixture whose {@link #layer()} sends as another mailbox. */
    public GraphServerExtension withSender(String sender) {
        return new GraphServerExtension(tenantId, clientId, clientSecret, requireText(sender, "sender"));
    }

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

    /** Starts the server outside JUnit (a benchmark, a demo); {@link #close()} stops it. */
    public GraphServerExtension start() {
        stub.start();
        return this;
    }

    /** Stops a server started with {@link #start()}. */
    @Override
    public void close() {
        stub.stop();
    }

    private static void route(WireMockServer server) {
        server.stubFor(post(urlPathMatching("/[^/]+/oauth2/v2\\.0/token"))
                .willReturn(aResponse().withTransformers(TokenEndpoint.NAME)));
        server.stubFor(post(urlPathMatching("/v1\\.0/users/[^/]+/sendMail"))
                .willReturn(aResponse().withTransformers(SendMailEndpoint.NAME)));
        server.stubFor(post(urlPathMatching("/v1\\.0/\\$batch"))
                .willReturn(aResponse().withTransformers(BatchEndpoint.NAME)));
        server.stubFor(post(urlPathMatching("/v1\\.0/users/[^/]+/messages(/[^/]+/(attachments|attachments/"
                + "createUploadSession|send|permanentDelete))?")).willReturn(aResponse().withTransformers(DraftEndpoint.NAME)));
        server.stubFor(delete(urlPathMatching("/v1\\.0/users/[^/]+/messages/[^/]+"))
                .willReturn(aResponse().withTransformers(DraftEndpoint.NAME)));
        server.stubFor(any(urlPathMatching(UploadEndpoint.PATH + "[^/]+"))
                .willReturn(aResponse().withTransformers(UploadEndpoint.NAME)));
    }

    /**
     * Settings that send email through this server: {@code email.enabled}, {@code email.delivery-method=graph},
     * {@code email.sender}, the tenant, client ID and secret, {@code email.graph.authority} and
     * {@code email.graph.endpoint} pointing here, and {@code email.graph.trust-store} trusting this server, so the
     * provider found by ServiceLoader works as it is.
     */
    public Layer layer() {
        Layer.Builder b = Layer.builder();
        properties().forEach(b::set);
        return b.build();
    }

    /**
     * The settings of {@link #layer()} as properties, with their values written out (the client secret included):
     * to write a settings file for the CLI or a child process.
     */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("email.graph.trust-store", trustStorePath().toString());
        p.put("email.graph.trust-store-password", trustStorePassword());
        p.put("email.enabled", "true");
        p.put("email.delivery-method", "graph");
        p.put("email.sender", sender);
        p.put("email.graph.tenant-id", tenantId);
        p.put("email.graph.client-id", clientId);
        p.put("email.graph.client-secret", clientSecret);
        p.put("email.graph.authority", baseUrl().toString());
        p.put("email.graph.endpoint", baseUrl().toString());
        return p;
    }

    /** {@code https://localhost:<port>}: the authority and the Graph endpoint. */
    public URI baseUrl() {
        return stub.baseUrl();
    }

    public String tenantId() {
        return tenantId;
    }

    public String clientId() {
        return clientId;
    }

    /** The secret the fixture accepts (a test value, not a secret). */
    public String clientSecret() {
        return clientSecret;
    }

    /** A trust store holding the server's (self-signed) certificate and nothing else. */
    public KeyStore trustStore() {
        return stub.trustStore();
    }

    /** {@link #trustStore()} as a PKCS#12 file, for {@code javax.net.ssl.trustStore} and tools; gone after the fixture stops. */
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

    /** Every mail accepted since the test started, in order, with the raw request. */
    public List<SentMail> sentMails() {
        return List.copyOf(state.sentMails);
    }

    /** Every message accepted since the test started, decoded. */
    public List<EmailMessage> messages() {
        return state.sentMails.stream().map(SentMail::message).toList();
    }

    /** The number of requests in each {@code $batch} received since the test started, in order. */
    public List<Integer> batchSizes() {
        return List.copyOf(state.batchSizes);
    }

    /**
     * Every sendMail request received since the test started, those answered with a fault included, and those inside
     * a {@code $batch} counted one by one.
     */
    public int sendMailRequestCount() {
        return state.sendMailRequests.get();
    }

    /** Every token request received since the test started, refused ones included. */
    public List<TokenRequest> tokenRequests() {
        return List.copyOf(state.tokenRequests);
    }

    /** The most sendMail requests the server was handling at the same moment since the test started. */
    public int maxConcurrentSendMails() {
        return state.maxSendMailsInFlight();
    }

    /** Requests that matched neither endpoint (instance discovery, a wrong path), as {@code METHOD url}. */
    public List<String> unexpectedRequests() {
        return stub.running().findAllUnmatchedRequests().stream().map(r -> r.getMethod() + " " + r.getUrl()).toList();
    }

    /**
     * Every attachment received through an upload session since the test started, in the order the sessions were
     * created, complete or not: its size, SHA-256, the {@code Content-Range} of each chunk and whether any chunk
     * carried a bearer token. The mail a sent draft became is in {@link #sentMails()} with the attachments posted in
     * base64; uploaded ones are only here.
     */
    public List<UploadedAttachment> uploads() {
        return state.uploadSessionsInOrder.stream().map(UploadSessionState::snapshot).toList();
    }

    /** The ids of drafts created since the test started that were neither sent nor deleted: orphans, after a send. */
    public List<String> drafts() {
        return List.copyOf(state.drafts.keySet());
    }

    /**
     * The ids of drafts deleted since the test started, in order: with {@code POST .../permanentDelete} or with
     * {@code DELETE}.
     */
    public List<String> deletedDrafts() {
        return List.copyOf(state.deletedDrafts);
    }

    /**
     * The ids of drafts deleted with {@code DELETE} since the test started, in order: Graph moves those to the
     * mailbox's Deleted Items, where its user sees them, whereas {@code permanentDelete} purges them.
     */
    public List<String> draftsInDeletedItems() {
        return List.copyOf(state.draftsInDeletedItems);
    }

    /**
     * Answers every {@code POST /users/{user}/messages/{id}/permanentDelete} of this test with {@code fault}, deleting
     * nothing: a national cloud without the action, which a client must follow with {@code DELETE}.
     */
    public GraphServerExtension failPermanentDeletes(GraphFault fault) {
        state.permanentDeleteFault(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /**
     * Answers the upload {@code PUT} number {@code chunk} of this test (1 for the first, counting every PUT to any
     * upload URL, answered with a fault or not) with {@code fault}, taking none of its bytes: a
     * {@link GraphFault#serviceUnavailable()} there makes a client resume from {@code nextExpectedRanges}.
     */
    public GraphServerExtension failUploadChunk(int chunk, GraphFault fault) {
        state.failUploadChunk(requirePositive(chunk), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /**
     * Expires every upload session once {@code chunks} chunks were accepted in this test: further PUTs and status
     * requests to an upload URL are answered {@code 404}, as Graph answers an expired upload URL.
     */
    public GraphServerExtension expireUploadSessionsAfter(int chunks) {
        if (chunks < 0) {
            throw new IllegalArgumentException("chunks must not be negative, was " + chunks);
        }
        state.expireUploadsAfterChunks(chunks);
        return this;
    }

    /**
     * Expires the upload session number {@code session} of this test (1 for the first created) once it has accepted
     * {@code chunks} chunks: further PUTs and status requests to its upload URL are answered {@code 404}; the sessions
     * created after it are unaffected.
     */
    public GraphServerExtension expireUploadSession(int session, int chunks) {
        if (session < 1 || chunks < 0) {
            throw new IllegalArgumentException("session must be at least 1 and chunks not negative, were " + session
                    + " and " + chunks);
        }
        state.expireUploadSession(session, chunks);
        return this;
    }

    /** Answers the next {@code count} sendMail requests with {@code fault}, after any faults already queued. */
    public GraphServerExtension failNextSendMails(int count, GraphFault fault) {
        state.addSendMailFaults(requirePositive(count), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Answers the next {@code count} token requests with {@code fault}, after any faults already queued. */
    public GraphServerExtension failNextTokenRequests(int count, TokenFault fault) {
        state.addTokenFaults(requirePositive(count), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** The {@code expires_in} of tokens issued from now on in this test (default 3599 seconds). */
    public GraphServerExtension tokenLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative()) {
            throw new IllegalArgumentException("lifetime must not be negative, was " + lifetime);
        }
        state.tokenLifetime(lifetime);
        return this;
    }

    /**
     * The {@code roles} claim of tokens issued from now on in this test (default {@code Mail.Send}). The draft path
     * (drafts, attachments, upload sessions, send) needs {@code Mail.ReadWrite} too, as in Graph: without it, it
     * answers {@code 403 ErrorAccessDenied}.
     */
    public GraphServerExtension roles(String... roles) {
        state.roles(List.of(roles));
        return this;
    }

    /**
     * Issues exactly this access token from now on in this test, instead of a new JWT per request: for a server
     * that must know the token in advance, such as GreenMail's XOAUTH2, which accepts a token equal to the
     * mailbox's password.
     */
    public GraphServerExtension accessToken(String token) {
        state.accessToken(requireText(token, "token"));
        return this;
    }

    /**
     * How long each sendMail request takes on the server from now on in this test (default none); a {@code $batch}
     * takes it once, whatever it holds.
     */
    public GraphServerExtension sendMailDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        state.sendMailDelay(delay);
        return this;
    }

    private static int requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return count;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }
}
