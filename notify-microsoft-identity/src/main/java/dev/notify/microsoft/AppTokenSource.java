package dev.notify.microsoft;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import dev.notify.DeliveryException;
import dev.notify.TransientDeliveryException;
import dev.notify.microsoft.internal.MsalApplications;
import dev.notify.microsoft.internal.TokenErrors;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client-credentials access token of the {@code email.graph.*} app registration for one scope, shared by every
 * thread of a sender: one token request at a time, one per token lifetime, renewed five minutes before it expires
 * (half its lifetime before, for tokens that live less than ten minutes), dropped when a server refuses it.
 *
 * <p>Tokens come from msal4j with the client secret or the PKCS#12 certificate, from the tenant's authority and
 * nowhere else: no instance discovery, no authority validation, no internal retries (the notifier's retry policy
 * is the only one), no personal data in msal4j's logs, the {@code email.graph.connect-timeout} and
 * {@code read-timeout}, and TLS verified against {@link MicrosoftTrust}. msal4j's own token cache is bypassed so
 * that these rules are the only ones.
 *
 * <p>Failures are notify's exceptions: credentials Entra ID refuses are a {@link dev.notify.SettingsException} on
 * the key to fix (a wrong secret on {@code email.graph.client-secret}, an unknown client on
 * {@code email.graph.client-id}, an unknown tenant on {@code email.graph.tenant-id}, a certificate no trusted
 * authority issued on {@code email.graph.trust-store}); an unreachable, slow or busy login host is a
 * {@link TransientDeliveryException}. No message shows a secret.
 *
 * <p>This class is threadsafe.
 */
public final class AppTokenSource {

    private final ConfidentialClientApplication app;
    private final URI authority;
    private final Set<String> scopes;
    private final Clock clock;
    private final TokenErrors errors;
    private final Duration timeout;
    private final Object lock = new Object();
    private volatile AccessToken current;

    private AppTokenSource(ConfidentialClientApplication app, URI authority, String scope, Clock clock,
            TokenErrors errors, Duration timeout) {
        this.app = app;
        this.authority = authority;
        this.scopes = Set.of(scope);
        this.clock = clock;
        this.errors = errors;
        this.timeout = timeout;
    }

    /**
     * A token source for valid settings; reads the client certificate now and requests nothing yet.
     *
     * @param scopeKey the key of the scope to request, {@code email.graph.scope} or {@code email.smtp.auth.scope}
     * @param clock    decides when a token is renewed
     * @throws dev.notify.SettingsException when the client certificate cannot be read or msal4j refuses the authority
     */
    public static AppTokenSource create(ResolvedSettings settings, SettingKey<String> scopeKey, MicrosoftTrust trust,
            Clock clock) {
        Objects.requireNonNull(scopeKey, "scopeKey");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(clock, "clock");
        URI authority = tenantAuthority(settings);
        Duration timeout = settings.get(MicrosoftIdentityKeys.CONNECT_TIMEOUT)
                .plus(settings.get(MicrosoftIdentityKeys.READ_TIMEOUT)).plusSeconds(1);
        return new AppTokenSource(MsalApplications.create(settings, authority, trust), authority,
                settings.get(scopeKey), clock, new TokenErrors(settings, authority, scopeKey, trust, clock), timeout);
    }

    /** {@code email.graph.authority} with the tenant ID: {@code https://login.microsoftonline.com/<tenant>/}. */
    private static URI tenantAuthority(ResolvedSettings settings) {
        String base = settings.get(MicrosoftIdentityKeys.AUTHORITY).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/" + settings.get(MicrosoftIdentityKeys.TENANT_ID) + "/");
    }

    /**
     * A usable token, requested from the login host when there is none; threads that need one while it is
     * requested wait for that request.
     *
     * @throws dev.notify.SettingsException when the login host refuses the app's credentials or its certificate
     *     is not trusted
     * @throws TransientDeliveryException when the login host cannot be reached, is too slow or is unavailable
     */
    public AccessToken token() {
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

    /** Forgets {@code refused}, which a server did not accept, unless another thread has already replaced it. */
    public void invalidate(AccessToken refused) {
        synchronized (lock) {
            if (current == refused) {
                current = null;
            }
        }
    }

    /** The tenant's authority tokens come from, {@code https://login.microsoftonline.com/<tenant>/}. */
    public URI authority() {
        return authority;
    }

    private AccessToken request() {
        ClientCredentialParameters parameters = ClientCredentialParameters.builder(scopes).skipCache(true).build();
        Instant requested = clock.instant();
        try {
            IAuthenticationResult result = app.acquireToken(parameters).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // MSAL dates the expiry with the system clock: measure the lifetime on that clock, then apply it to ours.
            Duration lifetime = Duration.between(Instant.now(), result.expiresOnDate().toInstant());
            return new AccessToken(result.accessToken(), requested, clock.instant().plus(lifetime));
        } catch (ExecutionException e) {
            throw errors.map(e.getCause());
        } catch (TimeoutException e) {
            throw new TransientDeliveryException("no OAuth token from " + authority + " within " + timeout.toMillis()
                    + " ms", DeliveryException.Details.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientDeliveryException("interrupted while waiting for an OAuth token from " + authority,
                    DeliveryException.Details.of(), e);
        }
    }

    @Override
    public String toString() {
        return "AppTokenSource[" + authority + ", " + scopes + "]";
    }
}
