package dev.notify.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.SendEvent;
import dev.notify.SendResult;
import dev.notify.SettingsException;
import dev.notify.message.EmailMessage;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.Layer;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.TokenRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GraphTokenTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @TempDir
    Path dir;

    @Test
    void tokenIsRequestedForTheGraphScopeFromTheTenantsAuthority() {
        try (Notifier notifier = GraphFixture.notifier(graph)) {
            notifier.global().sendEmail(mail("scope"));
        }

        assertThat(graph.tokenRequests()).singleElement().satisfies(request -> {
            assertThat(request.tenant()).isEqualTo(graph.tenantId());
            assertThat(request.form().get("scope").split(" ")).contains("https://graph.microsoft.com/.default");
        });
    }

    @Test
    void untrustedLoginHostCertificateIsASettingsProblemNamingTheTrustStoreAndIsNotRetried() {
        List<SendEvent> attempts = new CopyOnWriteArrayList<>();
        try (Notifier notifier = Notifier.builder()
                .settings(Settings.builder().global(Layer.builder(graph.layer())
                        .unset(MicrosoftIdentityKeys.TRUST_STORE).unset(MicrosoftIdentityKeys.TRUST_STORE_PASSWORD)
                        .set(SettingKeys.EMAIL_RETRY_INITIAL_DELAY, Duration.ofMillis(10)).build()).build())
                .provider(new GraphSenderProvider())
                .discoverProviders(false)
                .listener(event -> {
                    if (event.kind() == SendEvent.Kind.ATTEMPT_STARTED) {
                        attempts.add(event);
                    }
                })
                .build()) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail("untrusted login host")))
                    .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.key()).isEqualTo("email.graph.trust-store");
                                assertThat(p.message()).contains("PKIX path building failed", "email.graph.authority");
                            }));
        }
        assertThat(attempts).hasSize(1);
        assertThat(graph.tokenRequests()).isEmpty();
        assertThat(graph.sendMailRequestCount()).isZero();
    }

    @Test
    void tokenRefusedByGraphIsRenewedOnceAndTheSendRetriedWithTheNewToken() {
        graph.failNextSendMails(1, GraphFault.unauthorized());

        SendResult result;
        try (Notifier notifier = GraphFixture.notifier(graph)) {
            result = notifier.global().sendEmail(mail("after 401"));
        }

        assertThat(result.isAccepted()).isTrue();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(graph.sendMailRequestCount()).isEqualTo(2);
        assertThat(graph.tokenRequests()).hasSize(2);
        assertThat(graph.messages()).hasSize(1);
        assertThat(graph.sentMails().get(0).json()).contains("body of after 401");
    }

    @Test
    void renewedTokenRefusedAgainIsASettingsProblemWithoutFurtherRequests() {
        graph.failNextSendMails(2, GraphFault.unauthorized());

        try (Notifier notifier = GraphFixture.notifier(graph)) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail("twice 401")))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems()).singleElement()
                                .satisfies(p -> assertThat(p.key()).isEqualTo("email.graph.client-id"));
                        assertThat(e.getMessage()).contains("Microsoft Graph at", "refused a newly issued token too",
                                "HTTP 401", "Mail.Send", "email.graph.scope", "email.graph.tenant-id",
                                "email.graph.cloud");
                    });
        }

        assertThat(graph.sendMailRequestCount()).isEqualTo(2);
        assertThat(graph.tokenRequests()).hasSize(2);
    }

    @Test
    void clientCertificateAuthenticatesWithASignedAssertionInsteadOfASecret() {
        Path p12 = TestClientCertificate.write(dir.resolve("app.p12"), "cert-password-1");

        try (Notifier notifier = GraphFixture.notifier(graph, b -> b
                .unset(MicrosoftIdentityKeys.CLIENT_SECRET)
                .set(MicrosoftIdentityKeys.CLIENT_CERTIFICATE, p12)
                .set(MicrosoftIdentityKeys.CLIENT_CERTIFICATE_PASSWORD, Secret.of("cert-password-1")))) {
            notifier.global().sendEmail(mail("with a certificate"));
        }

        TokenRequest request = graph.tokenRequests().get(0);
        assertThat(request.usesClientAssertion()).isTrue();
        assertThat(request.form()).doesNotContainKey("client_secret")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        assertThat(graph.messages()).hasSize(1);
    }

    @Test
    void unreadableCertificateIsASettingsProblemNamingTheKeyWithoutThePassword() {
        Path p12 = TestClientCertificate.write(dir.resolve("app.p12"), "right-password-2");

        try (Notifier notifier = GraphFixture.notifier(graph, b -> b
                .unset(MicrosoftIdentityKeys.CLIENT_SECRET)
                .set(MicrosoftIdentityKeys.CLIENT_CERTIFICATE, p12)
                .set(MicrosoftIdentityKeys.CLIENT_CERTIFICATE_PASSWORD, Secret.of("wrong-password-3")))) {
            assertThatThrownBy(() -> notifier.global().sendEmail(mail("bad certificate password")))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems()).singleElement()
                                .satisfies(p -> assertThat(p.key()).isEqualTo("email.graph.client-certificate"));
                        assertThat(Secrets.everythingPrinted(e)).doesNotContain("wrong-password-3", "right-password-2");
                    });
        }

        assertThat(graph.tokenRequests()).isEmpty();
    }

    static EmailMessage mail(String subject) {
        return EmailMessage.builder().to("alice@example.com").subject(subject).text("body of " + subject).build();
    }
}
