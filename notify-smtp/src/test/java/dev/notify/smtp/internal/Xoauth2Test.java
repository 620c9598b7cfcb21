package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.SettingsException;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.Layer;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.TokenFault;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * XOAUTH2 against GreenMail (which accepts a token equal to the mailbox's password) with tokens from the test
 * kit's Entra ID stand-in over HTTPS with its own certificate authority, trusted through
 * {@code email.graph.trust-store} and nothing else. The token's life (caching, renewal) is the shared
 * {@link dev.notify.microsoft.AppTokenSource}'s and is tested there.
 */
class Xoauth2Test {

    private static final String MAILBOX = "portal@notify.example";
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJ0b2tlbiI6InRlc3QifQ.access-token";

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain().withUser(MAILBOX, TOKEN);

    @RegisterExtension
    static final GraphServerExtension login = GraphServerExtension.create();

    @Test
    void loginHostWithAPrivateCertificateAuthorityIsTrustedThroughTheGraphTrustStoreAlone() {
        login.accessToken(TOKEN);
        try (SmtpSender sender = sender(b -> b)) {
            sender.send(TestSettings.message());
            sender.send(TestSettings.message());
        }

        assertThat(smtp.awaitMessages(2, Duration.ofSeconds(5))).hasSize(2);
        assertThat(login.tokenRequests()).singleElement().satisfies(request -> {
            assertThat(request.tenant()).isEqualTo(login.tenantId());
            assertThat(request.form().get("scope").split(" ")).contains("https://outlook.office365.com/.default");
        });
    }

    @Test
    void untrustedLoginHostIsASettingsErrorNamingTheGraphTrustStore() {
        try (SmtpSender sender = sender(b -> b.unset(MicrosoftIdentityKeys.TRUST_STORE)
                .unset(MicrosoftIdentityKeys.TRUST_STORE_PASSWORD))) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> {
                                assertThat(p.key()).isEqualTo("email.graph.trust-store");
                                assertThat(p.message()).contains("PKIX path building failed", "email.graph.authority");
                            }));
        }
        assertThat(smtp.connections()).isZero();
    }

    @Test
    void tokenTheServerRefusesIsRenewedOnceAndTheLoginRetriedWithTheNewToken() {
        login.accessToken(TOKEN);
        try (SmtpServerExtension refusingFirst = SmtpServerExtension.plain().withUser(MAILBOX, TOKEN)
                .withFault(SmtpFault.auth().reply(535, "5.7.3 Authentication unsuccessful").times(1)).start();
                SmtpSender sender = sender(refusingFirst, b -> b)) {
            sender.send(TestSettings.message());

            assertThat(refusingFirst.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
            assertThat(refusingFirst.connections()).isEqualTo(2);
        }
        assertThat(login.tokenRequests()).hasSize(2);
    }

    @Test
    void renewedTokenRefusedAgainIsASettingsErrorNamingTheCredentialKeysAndIsNotUsedAgain() {
        login.accessToken("some-other-token");
        try (SmtpSender sender = sender(b -> b)) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> sender.send(TestSettings.message()))
                        .isInstanceOfSatisfying(SettingsException.class, e -> {
                            assertThat(e.problems().get(0).key()).isEqualTo("email.graph.client-id");
                            assertThat(e.problems().get(0).message()).contains("the SMTP server at",
                                    "refused a newly issued token too", "535", "SMTP.SendAsApp", MAILBOX,
                                    "email.smtp.auth.scope", "email.graph.tenant-id")
                                    .doesNotContain("some-other-token").doesNotContain(login.clientSecret());
                        });
            }
        }
        assertThat(smtp.messages()).isEmpty();
        assertThat(login.tokenRequests()).hasSize(4);
    }

    @Test
    void loginHostRefusingTheSecretIsASettingsErrorOnTheSecretWithoutIt() {
        login.failNextTokenRequests(1, TokenFault.invalidClientSecret());
        try (SmtpSender sender = sender(b -> b)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(SettingsException.class, e -> {
                        assertThat(e.problems().get(0).key()).isEqualTo("email.graph.client-secret");
                        assertThat(e.getMessage()).contains("AADSTS7000215").doesNotContain(login.clientSecret());
                    });
        }
    }

    /** xoauth2 to the SMTP fixture with the login fixture's app registration, changed by {@code changes}. */
    private SmtpSender sender(UnaryOperator<Layer.Builder> changes) {
        return sender(smtp, changes);
    }

    private SmtpSender sender(SmtpServerExtension server, UnaryOperator<Layer.Builder> changes) {
        Layer.Builder layer = Layer.builder(server.layer())
                .unset(SmtpSettingKeys.AUTH_PASSWORD)
                .set("email.smtp.auth.mechanism", "xoauth2");
        login.properties().forEach((key, value) -> {
            if (key.startsWith("email.graph.") && !key.equals("email.graph.endpoint")) {
                layer.set(key, value);
            }
        });
        return SmtpSender.create(TestSettings.context(TestSettings.resolve(changes.apply(layer).build())),
                SenderOptions.defaults());
    }
}
