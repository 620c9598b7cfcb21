package dev.notify.graph.internal;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import dev.notify.DeliveryException;
import dev.notify.TransientDeliveryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The app's access token for Graph, shared by every thread of a sender: one token request per token lifetime,
 * renewed shortly before it expires, dropped when Graph refuses it. msal4j's own cache is bypassed so that
 * these rules are the only ones.
 *
 * <p>This class is threadsafe.
 */
final class TokenSource {

    private final ConfidentialClientApplication app;
    private final Set<String> scopes;
    private final Clock clock;
    private final TokenErrors errors;
    private final Duration timeout;
    private final Object lock = new Object();
    private volatile AccessToken current;

    TokenSource(ConfidentialClientApplication app, String scope, Clock clock, TokenErrors errors, Duration timeout) {
        this.app = app;
        this.scopes = Set.of(scope);
        this.clock = clock;
        this.errors = errors;
        this.timeout = timeout;
    }

    /**
     * A usable token, requested from the login host when there is none.
     *
     * @throws dev.notify.SettingsException when the login host refuses the app's credentials
     * @throws TransientDeliveryException when the login host cannot be reached or is unavailable
     */
    AccessToken get() {
        AccessToken token = current;
        if (token != null && token.usableAt(clock.instant())) {
            return token;
        }
        synchronized (lock) {
            token = current;
            if (token != null && token.usableAt(clock.instant())) {
                return token;
            }
            current = request();
            return current;
        }
    }

    /** Forgets {@code refused} unless another thread has already replaced it. */
    void invalidate(AccessToken refused) {
        synchronized (lock) {
            if (current == refused) {
                current = null;
            }
        }
    }

    private AccessToken request() {
        ClientCredentialParameters parameters = ClientCredentialParameters.builder(scopes).skipCache(true).build();
        Instant requested = clock.instant();
        try {
            IAuthenticationResult result = app.acquireToken(parameters).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Instant now = clock.instant();
            Duration lifetime = Duration.between(Instant.now(), result.expiresOnDate().toInstant());
            return new AccessToken(result.accessToken(), requested, now.plus(lifetime));
        } catch (ExecutionException e) {
            throw errors.map(e.getCause());
        } catch (TimeoutException e) {
            throw new TransientDeliveryException("no token from " + errors.authority() + " within " + timeout.toMillis()
                    + " ms", DeliveryException.Details.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientDeliveryException("interrupted while waiting for a token from " + errors.authority(),
                    DeliveryException.Details.of(), e);
        }
    }
}
