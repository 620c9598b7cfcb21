package dev.notify.graph.internal;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Builds the msal4j application: the tenant's authority without instance discovery or authority validation
 * (so no request goes anywhere but the configured host), no internal retries, the settings' timeouts, and the
 * client secret or PKCS#12 certificate.
 */
final class MsalApplications {

    private MsalApplications() {
    }

    /**
     * @throws SettingsException when the certificate file cannot be read or the authority is not a URL
     */
    static ConfidentialClientApplication create(GraphSettings settings, Tls tls) {
        IClientCredential credential = credential(settings);
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication
                    .builder(settings.clientId(), credential)
                    .authority(settings.authority().toString())
                    .validateAuthority(false)
                    .instanceDiscovery(false)
                    .logPii(false)
                    .connectTimeoutForDefaultHttpClient(millis(settings.connectTimeout()))
                    .readTimeoutForDefaultHttpClient(millis(settings.readTimeout()))
                    .disableInternalRetries();
            if (!tls.isJvmDefault()) {
                builder = builder.sslSocketFactory(tls.socketFactory());
            }
            return builder.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new SettingsException(List.of(new Problem(settings.fullKey(MicrosoftIdentityKeys.AUTHORITY),
                    "msal4j cannot use " + settings.authority() + " as the authority: " + e.getMessage())), null, null, e);
        }
    }

    private static IClientCredential credential(GraphSettings settings) {
        if (settings.clientSecret().isPresent()) {
            return ClientCredentialFactory.createFromSecret(settings.clientSecret().get().reveal());
        }
        Path file = settings.clientCertificate().orElseThrow(() -> new SettingsException(List.of(new Problem(
                settings.fullKey(MicrosoftIdentityKeys.CLIENT_SECRET), "required: a client secret or a client certificate"))));
        String password = settings.clientCertificatePassword().map(Secret::reveal).orElse("");
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

    private static SettingsException certificateProblem(GraphSettings settings, String message, Exception cause) {
        return new SettingsException(List.of(new Problem(settings.fullKey(MicrosoftIdentityKeys.CLIENT_CERTIFICATE),
                message)), null, null, cause);
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
