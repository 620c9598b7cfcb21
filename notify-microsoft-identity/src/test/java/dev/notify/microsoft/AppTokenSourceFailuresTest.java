package dev.notify.microsoft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.TokenFault;
import dev.notify.testkit.tls.TestCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a failed token request becomes: a settings problem on the key to fix, or a transient failure to retry. */
class AppTokenSourceFailuresTest {

    private static final String WRONG_SECRET = "wr0ng-Secret~Value.4711";

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    private final MutableClock clock = new MutableClock();

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(TokenFault.invalidClientSecret(), "email.graph.client-secret",
                        new String[] {"AADSTS7000215", "Value, not its Secret ID"}),
                Arguments.of(TokenFault.error(401, "invalid_client", 7000222, "The provided client secret keys are "
                        + "expired."), "email.graph.client-secret", new String[] {"AADSTS7000222", "expired"}),
                Arguments.of(TokenFault.applicationNotFound(), "email.graph.client-id",
                        new String[] {"AADSTS700016", "Application (client) ID"}),
                Arguments.of(TokenFault.tenantNotFound(), "email.graph.tenant-id",
                        new String[] {"AADSTS90002", "email.graph.cloud"}),
                Arguments.of(TokenFault.error(401, "invalid_client", 700027, "Client assertion failed signature "
                        + "validation."), "email.graph.client-certificate", new String[] {"AADSTS700027", "Upload"}),
                Arguments.of(TokenFault.error(400, "invalid_scope", 70011, "The provided value for scope is not "
                        + "valid."), "email.identity-test.scope", new String[] {"AADSTS70011"}),
                Arguments.of(TokenFault.error(400, "unauthorized_client", 7000112, "Application is disabled."),
                        "email.graph.client-id", new String[] {"AADSTS7000112", "Application is disabled",
                                GraphServerExtension.DEFAULT_TENANT_ID, GraphServerExtension.DEFAULT_CLIENT_ID}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedCredentialsAreASettingsProblemOnTheKeyToFixWithoutTheSecret(TokenFault fault, String key,
            String[] words) {
        graph.failNextTokenRequests(1, fault);
        AppTokenSource tokens = tokens(graph, b -> b.set(MicrosoftIdentityKeys.CLIENT_SECRET,
                dev.notify.settings.Secret.of(WRONG_SECRET)));

        assertThatThrownBy(tokens::token).isInstanceOfSatisfying(SettingsException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo(key);
                assertThat(p.message()).contains(words);
            });
            assertThat(printed(e)).doesNotContain(WRONG_SECRET);
        });
        assertThat(graph.tokenRequests()).hasSize(1);
    }

    @Test
    void unavailableLoginHostIsTransientWithItsStatus() {
        graph.failNextTokenRequests(1, TokenFault.serviceUnavailable());
        AppTokenSource tokens = tokens(graph, b -> b);

        assertThatThrownBy(tokens::token).isInstanceOfSatisfying(TransientDeliveryException.class, e -> {
            assertThat(e.replyCode()).hasValue(503);
            assertThat(e.getMessage()).contains("is unavailable", "AADSTS50196");
        });
        assertThat(tokens.token()).isNotNull();
    }

    @Test
    void untrustedLoginHostCertificateIsASettingsProblemNamingTheTrustStoreAndTheAuthority() {
        AppTokenSource tokens = tokens(graph, b -> b.unset(MicrosoftIdentityKeys.TRUST_STORE)
                .unset(MicrosoftIdentityKeys.TRUST_STORE_PASSWORD));

        assertThatThrownBy(tokens::token).isInstanceOfSatisfying(SettingsException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("email.graph.trust-store");
                    assertThat(p.message()).contains("localhost:" + graph.baseUrl().getPort(),
                            "email.graph.authority", "the JVM's default trust store", "PKIX path building failed");
                }));
        assertThat(graph.tokenRequests()).isEmpty();
    }

    @Test
    void certificateForAnotherHostIsASettingsProblemOnTheAuthority() throws Exception {
        TestCertificate other = TestCertificate.forHosts("login.contoso.example");
        try (ServerSocket server = other.serverContext().getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread handshakes = acceptInBackground(server, socket -> ((SSLSocket) socket).startHandshake());
            ResolvedSettings settings = IdentitySettings.of(graph, b -> b
                    .set(MicrosoftIdentityKeys.AUTHORITY, URI.create("https://localhost:" + server.getLocalPort())));
            AppTokenSource tokens = AppTokenSource.create(settings, IdentitySettings.SCOPE,
                    MicrosoftTrust.trusting(other.trustStore()), clock);

            assertThatThrownBy(tokens::token).isInstanceOfSatisfying(SettingsException.class, e ->
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.key()).isEqualTo("email.graph.authority");
                        assertThat(p.message()).contains("not valid for that host", "localhost");
                    }));
            handshakes.interrupt();
        }
    }

    @Test
    void loginHostThatNeverAnswersTimesOutAsATransientFailure() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread silent = acceptInBackground(server, socket -> socket.getInputStream().readAllBytes());
            ResolvedSettings settings = IdentitySettings.of(graph, b -> b
                    .set(MicrosoftIdentityKeys.AUTHORITY, URI.create("https://localhost:" + server.getLocalPort()))
                    .set(MicrosoftIdentityKeys.READ_TIMEOUT, Duration.ofMillis(300)));
            AppTokenSource tokens = AppTokenSource.create(settings, IdentitySettings.SCOPE,
                    MicrosoftTrust.fromSettings(settings, MicrosoftTrust.jvmDefault()), clock);

            assertThatThrownBy(tokens::token).isInstanceOfSatisfying(TransientDeliveryException.class,
                    e -> assertThat(e.getMessage()).contains("token request to https://localhost:"
                            + server.getLocalPort() + "/" + graph.tenantId() + "/", "timed out"));
            silent.interrupt();
        }
    }

    private AppTokenSource tokens(GraphServerExtension server, UnaryOperator<Layer.Builder> changes) {
        ResolvedSettings settings = IdentitySettings.of(server, changes);
        return AppTokenSource.create(settings, IdentitySettings.SCOPE,
                MicrosoftTrust.fromSettings(settings, MicrosoftTrust.jvmDefault()), clock);
    }

    /** Accepts connections on a daemon thread and hands each to {@code handler}, until the server closes. */
    private static Thread acceptInBackground(ServerSocket server, SocketHandler handler) {
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    handler.handle(socket);
                } catch (IOException e) {
                    // the client gave up or the server closed: accept the next one, or stop
                }
            }
        }, "login-host-stand-in");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @FunctionalInterface
    private interface SocketHandler {
        void handle(Socket socket) throws IOException;
    }

    private static String printed(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return e + "\n" + out;
    }
}
