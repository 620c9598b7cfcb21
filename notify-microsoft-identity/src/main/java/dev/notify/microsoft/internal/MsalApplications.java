package dev.notify.microsoft.internal;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import dev.notify.SettingsException;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.microsoft.MicrosoftTrust;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the msal4j application of an app registration: the tenant's authority without instance discovery or
 * authority validation (so no request goes anywhere but the configured host), no internal retries, no personal
 * data in logs, the settings' timeouts, the trusted certificate authorities, and the client secret or PKCS#12
 * certificate.
 */
public final class MsalApplications {

    private MsalApplications() {
    }

    /**
     * @throws SettingsException when the certificate file cannot be read or msal4j refuses the authority
     */
    public static ConfidentialClientApplication create(ResolvedSettings settings, URI authority, MicrosoftTrust trust) {
        IClientCredential credential = credential(settings);
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication
                    .builder(settings.get(MicrosoftIdentityKeys.CLIENT_ID), credential)
                    .authority(authority.toString())
                    .validateAuthority(false)
                    .instanceDiscovery(false)
                    .logPii(false)
                    .connectTimeoutForDefaultHttpClient(millis(settings.get(MicrosoftIdentityKeys.CONNECT_TIMEOUT)))
                    .readTimeoutForDefaultHttpClient(millis(settings.get(MicrosoftIdentityKeys.READ_TIMEOUT)))
                    .disableInternalRetries();
            if (!trust.isJvmDefault()) {
                builder = builder.sslSocketFactory(trust.sslContext().getSocketFactory());
            }
            return builder.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new SettingsException(List.of(settings.problem(MicrosoftIdentityKeys.AUTHORITY,
                    "msal4j cannot use " + authority + " as the authority: " + e.getMessage())), null, null, e);
        }
    }

    private static IClientCredential credential(ResolvedSettings settings) {
        Optional<Secret> secret = settings.find(MicrosoftIdentityKeys.CLIENT_SECRET);
        if (secret.isPresent()) {
            return ClientCredentialFactory.createFromSecret(secret.get().reveal());
        }
        Path file = settings.find(MicrosoftIdentityKeys.CLIENT_CERTIFICATE).orElseThrow(() -> new SettingsException(
                List.of(settings.problem(MicrosoftIdentityKeys.CLIENT_SECRET,
                        "required: a client secret or a client certificate"))));
        String password = settings.find(MicrosoftIdentityKeys.CLIENT_CERTIFICATE_PASSWORD).map(Secret::reveal).orElse("");
        try (InputStream in = Files.newInputStream(file)) {
            return ClientCredentialFactory.createFromCertificate(in, password);
        } catch (NoSuchFileException e) {
            throw certificateProblem(settings, "file " + file + " does not exist", e);
        } catch (IOException e) {
            String why = e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password")
                    ? "cannot open " + file + " with the password of "
                            + settings.fullKey(MicrosoftIdentityKeys.CLIENT_CERTIFICATE_PASSWORD) + " (wrong password?)"
                    : "cannot read " + file + " as PKCS#12: " + e.getMessage();
            throw certificateProblem(settings, why, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw certificateProblem(settings, "cannot use " + file + " as the app's certificate and private key: "
                    + e.getMessage(), e);
        }
    }

    private static SettingsException certificateProblem(ResolvedSettings settings, String message, Exception cause) {
        return new SettingsException(List.of(settings.problem(MicrosoftIdentityKeys.CLIENT_CERTIFICATE, message)), null,
                null, cause);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
