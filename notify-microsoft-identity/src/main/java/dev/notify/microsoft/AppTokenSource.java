package dev.notify.microsoft;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import dev.notify.DeliveryException;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.microsoft.internal.MsalApplications;
import dev.notify.microsoft.internal.TokenErrors;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>A token a server refuses has one policy, for Graph and for SMTP XOAUTH2 alike ({@link #useRenewingOnce}): the
 * token is dropped, a new one is requested and the same request is made once more within the same attempt; a
 * newly issued token refused too is a {@link SettingsException} on {@code email.graph.client-id} that names the
 * scope, authority and tenant keys, since only a change of settings or of the app registration's permissions can
 * fix it.
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

    private static final Logger LOG = LoggerFactory.getLogger(AppTokenSource.class);

    private final ConfidentialClientApplication app;
    private final URI authority;
    private final Set<String> scopes;
    private final Clock clock;
    private final TokenErrors errors;
    private final Duration timeout;
    private final ResolvedSettings settings;
    private final SettingKey<String> scopeKey;
    private final Object lock = new Object();
    private volatile AccessToken current;

    /**
     * Thrown by a use of a token when the server refused it (Graph's HTTP 401, SMTP's 535 to XOAUTH2); see
     * {@link #useRenewingOnce}. Its message is the server's reply, which must hold no secret.
     */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * @param reply what the server answered, such as {@code HTTP 401 InvalidAuthenticationToken}
         * @param cause the server's failure, kept as the cause of the settings error
         */
        public Refused(String reply, Throwable cause) {
            super(Objects.requireNonNull(reply, "reply"), cause);
        }
    }

    /** A use of a token, such as one request or one login, that throws {@link Refused} when the server refuses it. */
    @FunctionalInterface
    public interface TokenUse<T> {
        T apply(AccessToken token);
    }

    private AppTokenSource(ConfidentialClientApplication app, URI authority, String scope, Clock clock,
            TokenErrors errors, Duration timeout, ResolvedSettings settings, SettingKey<String> scopeKey) {
        this.settings = settings;
        this.scopeKey = scopeKey;
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
                settings.get(scopeKey), clock, new TokenErrors(settings, authority, scopeKey, trust, clock), timeout,
                settings, scopeKey);
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

    /**
     * Uses a token, and when the server refuses it, drops it and uses a newly requested one once more: the one
     * policy for a refused token.
     *
     * @param server     the server that refused, as an administrator knows it ({@code Microsoft Graph at https://...})
     * @param permission what the app registration needs there ({@code the Mail.Send application permission})
     * @throws SettingsException on {@code email.graph.client-id}, naming the scope, authority and tenant keys,
     *     when the server refuses the newly issued token too
     */
    public <T> T useRenewingOnce(TokenUse<T> use, String server, String permission) {
        AccessToken token = token();
        try {
            return use.apply(token);
        } catch (Refused refused) {
            invalidate(token);
            LOG.debug("{} refused the token ({}); renewing it and trying once more", server, refused.getMessage());
        }
        AccessToken renewed = token();
        try {
            return use.apply(renewed);
        } catch (Refused refusedAgain) {
            invalidate(renewed);
            throw new SettingsException(List.of(settings.problem(MicrosoftIdentityKeys.CLIENT_ID, server
                    + " refused a newly issued token too (" + refusedAgain.getMessage() + "): check that the app "
                    + "registration (" + settings.fullKey(MicrosoftIdentityKeys.CLIENT_ID) + ") has " + permission
                    + ", and that the scope " + settings.get(scopeKey) + " (" + settings.fullKey(scopeKey)
                    + ") and the authority " + authority + " (" + settings.fullKey(MicrosoftIdentityKeys.AUTHORITY)
                    + ", " + settings.fullKey(MicrosoftIdentityKeys.TENANT_ID) + ") belong to that server's cloud "
                    + "(see " + settings.fullKey(MicrosoftIdentityKeys.CLOUD) + ")")), null, null,
                    refusedAgain.getCause());
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
