package dev.notify.smtp.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.notify.SettingsException;
import dev.notify.settings.Layer;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.testkit.smtp.SmtpServerExtension;
import dev.notify.testkit.tls.TestCertificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * XOAUTH2 against GreenMail (which accepts a token equal to the user's password) with tokens from a WireMock
 * token endpoint over HTTPS; msal4j talks to nothing else.
 */
class Xoauth2Test {

    private static final String MAILBOX = "portal@notify.example";
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJ0b2tlbiI6InRlc3QifQ.access-token";
    private static final String TOKEN_PATH = "/tenant-1/oauth2/v2.0/token";

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain().withUser(MAILBOX, TOKEN);

    @TempDir
    static Path dir;

    private static final TestCertificate LOGIN_CERTIFICATE = TestCertificate.forLocalhost();
    private static WireMockServer login;

    @BeforeAll
    static void startLoginHost() {
        Path keyStore = LOGIN_CERTIFICATE.writeKeyStore(dir.resolve("login.p12"), "changeit");
        login = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .containerThreads(8).jettyAcceptors(1)
                .keystorePath(keyStore.toString()).keystorePassword("changeit").keyManagerPassword("changeit")
                .keystoreType("PKCS12"));
        login.start();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        login.resetAll();
    }

    @AfterAll
    static void stopLoginHost() {
        login.stop();
    }

    @Test
    void sendsWithATokenFromTheLoginHostAndReusesItWithinItsLifetime() {
        tokenResponse(TOKEN, 3600);
        AtomicLong poolClock = new AtomicLong();
        try (SmtpSender sender = sender(poolClock)) {
            sender.send(TestSettings.message());
            poolClock.addAndGet(Duration.ofMinutes(2).toNanos());

            sender.send(TestSettings.message());
        }

        assertThat(smtp.awaitMessages(2, Duration.ofSeconds(5))).hasSize(2);
        login.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("https%3A%2F%2Foutlook.office365.com%2F.default")));
    }

    @Test
    void tokenCloseToExpiryIsReplacedBeforeTheNextConnection() {
        tokenResponse(TOKEN, 120);
        AtomicLong poolClock = new AtomicLong();
        try (SmtpSender sender = sender(poolClock)) {
            sender.send(TestSettings.message());
            poolClock.addAndGet(Duration.ofMinutes(2).toNanos());

            sender.send(TestSettings.message());
        }

        assertThat(smtp.awaitMessages(2, Duration.ofSeconds(5))).hasSize(2);
        login.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void tokenTheServerRefusesIsASettingsErrorNamingTheMailbox() {
        tokenResponse("some-other-token", 3600);
        try (SmtpSender sender = sender(new AtomicLong())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems().get(0).key()).isEqualTo("email.smtp.auth.username");
                        assertThat(e.problems().get(0).message()).contains("authentication failed for user " + MAILBOX)
                                .contains("email.graph.client-id")
                                .doesNotContain("some-other-token").doesNotContain("cl13nt-s3cret");
                    });
        }
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void loginHostRefusingTheClientIsASettingsErrorWithoutTheSecret() {
        login.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}")));
        try (SmtpSender sender = sender(new AtomicLong())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems().get(0).key()).isEqualTo("email.graph.client-id");
                        assertThat(e.getMessage()).contains("AADSTS7000215").doesNotContain("cl13nt-s3cret");
                    });
        }
    }

    private SmtpSender sender(AtomicLong poolClock) {
        Layer layer = Layer.builder(smtp.layer())
                .unset(SmtpSettingKeys.AUTH_PASSWORD)
                .set("email.smtp.auth.mechanism", "xoauth2")
                .set("email.graph.tenant-id", "tenant-1")
                .set("email.graph.client-id", "client-1")
                .set("email.graph.client-secret", "cl13nt-s3cret")
                .set("email.graph.authority", "https://localhost:" + login.httpsPort())
                .build();
        SenderOptions options = SenderOptions.defaults()
                .withLoginSocketFactory(LOGIN_CERTIFICATE.clientSocketFactory())
                .withNanoTime(poolClock::get);
        return SmtpSender.create(TestSettings.resolve(layer), options);
    }

    private void tokenResponse(String token, int expiresIn) {
        login.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":"
                        + expiresIn + ",\"access_token\":\"" + token + "\"}")));
    }
}
