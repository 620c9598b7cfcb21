package dev.notify.smtp.internal;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.smtp.SmtpSettingKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Client-credentials tokens from msal4j for the {@code email.graph.*} app registration and
 * {@code email.smtp.auth.scope}. The token is cached here and replaced five minutes before it expires, so sends
 * within its lifetime make no request. Instance discovery and authority validation are off: msal4j talks to
 * {@code email.graph.authority} and nothing else.
 */
final class MsalTokenSource implements TokenSource {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private record Token(String value, Instant expiresOn) {
    }

    private final ConfidentialClientApplication app;
    private final Set<String> scopes;
    private final Duration timeout;
    private final Clock clock;
    private final ResolvedSettings settings;
    private Token cached;

    private MsalTokenSource(ConfidentialClientApplication app, Set<String> scopes, Duration timeout, Clock clock,
            ResolvedSettings settings) {
        this.app = app;
        this.scopes = scopes;
        this.timeout = timeout;
        this.clock = clock;
        this.settings = settings;
    }

    static MsalTokenSource create(ResolvedSettings s, Optional<SSLSocketFactory> sslSocketFactory, Clock clock) {
        String tenant = s.get(MicrosoftIdentityKeys.TENANT_ID);
        String authority = s.get(MicrosoftIdentityKeys.AUTHORITY).toString().replaceAll("/+$", "") + "/" + tenant + "/";
        Duration connect = s.get(MicrosoftIdentityKeys.CONNECT_TIMEOUT);
        Duration read = s.get(MicrosoftIdentityKeys.READ_TIMEOUT);
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication
                    .builder(s.get(MicrosoftIdentityKeys.CLIENT_ID), credential(s))
                    .authority(authority)
                    .instanceDiscovery(false)
                    .validateAuthority(false)
                    .connectTimeoutForDefaultHttpClient(millis(connect))
                    .readTimeoutForDefaultHttpClient(millis(read));
            sslSocketFactory.ifPresent(builder::sslSocketFactory);
            return new MsalTokenSource(builder.build(), Set.of(s.get(SmtpSettingKeys.AUTH_SCOPE)),
                    connect.plus(read).multipliedBy(2), clock, s);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new SettingsException(List.of(new Problem(s.fullKey(MicrosoftIdentityKeys.AUTHORITY),
                    "msal4j refuses the authority " + authority + ": " + e.getMessage())));
        }
    }

    private static IClientCredential credential(ResolvedSettings s) {
        Optional<Secret> secret = s.find(MicrosoftIdentityKeys.CLIENT_SECRET);
        if (secret.isPresent()) {
            return ClientCredentialFactory.createFromSecret(secret.get().reveal());
        }
        Path file = s.get(MicrosoftIdentityKeys.CLIENT_CERTIFICATE);
        String password = s.find(MicrosoftIdentityKeys.CLIENT_CERTIFICATE_PASSWORD).map(Secret::reveal).orElse("");
        try (InputStream in = Files.newInputStream(file)) {
            return ClientCredentialFactory.createFromCertificate(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new SettingsException(List.of(new Problem(s.fullKey(MicrosoftIdentityKeys.CLIENT_CERTIFICATE),
                    "cannot read the PKCS#12 client certificate " + file + ": " + e.getClass().getSimpleName()
                            + (e instanceof IOException ? " " + e.getMessage() : "")
                            + " (check the file and " + s.fullKey(MicrosoftIdentityKeys.CLIENT_CERTIFICATE_PASSWORD) + ")")));
        }
    }

    @Override
    public synchronized String token() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.expiresOn.minus(REFRESH_BEFORE_EXPIRY))) {
            return cached.value;
        }
        IAuthenticationResult result = acquire();
        cached = new Token(result.accessToken(), result.expiresOnDate().toInstant());
        return cached.value;
    }

    @Override
    public synchronized void invalidate() {
        cached = null;
    }

    private IAuthenticationResult acquire() {
        ClientCredentialParameters parameters = ClientCredentialParameters.builder(scopes).skipCache(true).build();
        try {
            return app.acquireToken(parameters).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MsalServiceException service && service.statusCode() != null
                    && service.statusCode() >= 400 && service.statusCode() < 500 && service.statusCode() != 429) {
                throw new SettingsException(List.of(new Problem(settings.fullKey(MicrosoftIdentityKeys.CLIENT_ID),
                        "the login host " + app.authority() + " refused the app registration for scope "
                                + scopes + " (HTTP " + service.statusCode() + " " + service.errorCode() + "): "
                                + firstLine(service.getMessage()) + "; check "
                                + settings.fullKey(MicrosoftIdentityKeys.TENANT_ID) + ", "
                                + settings.fullKey(MicrosoftIdentityKeys.CLIENT_ID) + " and the client secret or certificate")));
            }
            throw new TransientDeliveryException("cannot get an OAuth token from " + app.authority() + ": "
                    + firstLine(String.valueOf(cause)), dev.notify.DeliveryException.Details.of(), cause);
        } catch (TimeoutException e) {
            throw new TransientDeliveryException("no OAuth token from " + app.authority() + " within "
                    + timeout.toMillis() + " ms", dev.notify.DeliveryException.Details.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientDeliveryException("interrupted while waiting for an OAuth token",
                    dev.notify.DeliveryException.Details.of(), e);
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Integer millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
