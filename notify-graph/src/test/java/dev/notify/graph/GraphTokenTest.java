package dev.notify.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SettingsException;
import dev.notify.message.EmailMessage;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.Secret;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.TokenRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GraphTokenTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @TempDir
    Path dir;

    @Test
    void hundredSendsFromFourThreadsShareOneToken() throws Exception {
        List<Future<SendResult>> results = new ArrayList<>();
        try (Notifier notifier = GraphFixture.notifier(graph)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int i = 0; i < 100; i++) {
                    EmailMessage message = mail("mail " + i);
                    results.add(pool.submit(() -> notifier.global().sendEmail(message)));
                }
                for (Future<SendResult> result : results) {
                    assertThat(result.get().isAccepted()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        assertThat(graph.messages()).hasSize(100);
        assertThat(graph.tokenRequests()).hasSize(1);
        TokenRequest request = graph.tokenRequests().get(0);
        assertThat(request.tenant()).isEqualTo(graph.tenantId());
        assertThat(request.form()).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", graph.clientId())
                .containsEntry("client_secret", graph.clientSecret());
        assertThat(request.form().get("scope").split(" ")).contains("https://graph.microsoft.com/.default");
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
                                .satisfies(p -> assertThat(p.key()).isEqualTo("email.graph.scope"));
                        assertThat(e.getMessage()).contains("refused a newly issued token", "email.graph.cloud");
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
