package dev.notify.microsoft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.graph.TokenRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token's life: one request per lifetime for every thread, renewed early on the injected clock, dropped when refused. */
class AppTokenSourceTest {

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    private final MutableClock clock = new MutableClock();

    @Test
    void hundredRequestsFromFourThreadsShareOneTokenRequest() throws Exception {
        AppTokenSource tokens = tokens();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AccessToken>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tokens.token();
                }));
            }
            start.countDown();
            for (Future<AccessToken> result : results) {
                assertThat(result.get()).isSameAs(results.get(0).get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(graph.tokenRequests()).hasSize(1);
    }

    @Test
    void requestGoesToTheTenantsAuthorityForTheScopeOfTheGivenKeyAndNowhereElse() {
        AppTokenSource tokens = tokens(b -> b.set(IdentitySettings.SCOPE, "https://outlook.office365.com/.default"));

        AccessToken token = tokens.token();

        assertThat(tokens.authority()).hasToString(graph.baseUrl() + "/" + graph.tenantId() + "/");
        TokenRequest request = graph.tokenRequests().get(0);
        assertThat(request.tenant()).isEqualTo(graph.tenantId());
        assertThat(request.form()).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", graph.clientId())
                .containsEntry("client_secret", graph.clientSecret());
        assertThat(request.form().get("scope").split(" ")).contains("https://outlook.office365.com/.default");
        assertThat(graph.unexpectedRequests()).isEmpty();
        assertThat(token.roles()).containsExactly("Mail.Send");
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void longLivedTokenIsRenewedFiveMinutesBeforeItExpires() {
        AppTokenSource tokens = tokens();
        AccessToken first = tokens.token();
        clock.advance(Duration.ofMinutes(54));
        assertThat(tokens.token()).isSameAs(first);

        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        AccessToken renewed = tokens.token();

        assertThat(renewed.value()).isNotEqualTo(first.value());
        assertThat(graph.tokenRequests()).hasSize(2);
    }

    @Test
    void shortLivedTokenIsUsedForHalfItsLifetimeThenRenewed() {
        graph.tokenLifetime(Duration.ofSeconds(60));
        AppTokenSource tokens = tokens();
        AccessToken first = tokens.token();
        clock.advance(Duration.ofSeconds(25));
        assertThat(tokens.token()).isSameAs(first);

        clock.advance(Duration.ofSeconds(10));
        tokens.token();

        assertThat(graph.tokenRequests()).hasSize(2);
    }

    @Test
    void refusedTokenIsDroppedAndTheNextCallGetsANewOne() {
        AppTokenSource tokens = tokens();
        AccessToken refused = tokens.token();

        tokens.invalidate(refused);
        AccessToken renewed = tokens.token();

        assertThat(renewed.value()).isNotEqualTo(refused.value());
        assertThat(graph.tokenRequests()).hasSize(2);
    }

    @Test
    void refusalOfAnOlderTokenKeepsTheOneThatAlreadyReplacedIt() {
        AppTokenSource tokens = tokens();
        AccessToken old = tokens.token();
        tokens.invalidate(old);
        AccessToken current = tokens.token();

        tokens.invalidate(old);

        assertThat(tokens.token()).isSameAs(current);
        assertThat(graph.tokenRequests()).hasSize(2);
    }

    private AppTokenSource tokens() {
        return tokens(b -> b);
    }

    /** A token source trusting the fixture through {@code email.graph.trust-store} alone. */
    private AppTokenSource tokens(UnaryOperator<Layer.Builder> changes) {
        ResolvedSettings settings = IdentitySettings.of(graph, changes);
        return AppTokenSource.create(settings, IdentitySettings.SCOPE,
                MicrosoftTrust.fromSettings(settings, MicrosoftTrust.jvmDefault()), clock);
    }
}
