package dev.notify.microsoft;

import dev.notify.SettingsException;
import dev.notify.microsoft.internal.Causes;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.spi.TrustStores;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities trusted for the login host and Microsoft Graph: those of
 * {@code email.graph.trust-store}, of a trust store a provider was given, or the JVM's default trust store, built
 * with notify-api's {@link TrustStores.Trust}; this class adds the Microsoft keys and how a certificate failure is
 * named. Certificates and host names are always verified; nothing here can trust everything.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class MicrosoftTrust {

    private static final MicrosoftTrust JVM_DEFAULT = new MicrosoftTrust(TrustStores.Trust.jvmDefault());

    private final TrustStores.Trust trust;

    private MicrosoftTrust(TrustStores.Trust trust) {
        this.trust = trust;
    }

    /** The JVM's default trust store ({@code javax.net.ssl.trustStore}, else the JDK's {@code cacerts}). */
    public static MicrosoftTrust jvmDefault() {
        return JVM_DEFAULT;
    }

    /**
     * Exactly the certificate authorities in {@code trustStore}; the store is read now, so later changes to it
     * have no effect.
     *
     * @throws IllegalArgumentException when the store cannot be used as a trust store
     */
    public static MicrosoftTrust trusting(KeyStore trustStore) {
        return new MicrosoftTrust(TrustStores.Trust.of(trustStore, "the trust store given to the provider"));
    }

    /**
     * The trust store of {@code email.graph.trust-store} when the settings have one, else {@code otherwise}.
     *
     * @throws SettingsException naming {@code email.graph.trust-store} or its password when the file cannot be used
     */
    public static MicrosoftTrust fromSettings(ResolvedSettings settings, MicrosoftTrust otherwise) {
        Objects.requireNonNull(otherwise, "otherwise");
        TrustStores.Trust trust = TrustStores.Trust.fromSettings(settings, MicrosoftIdentityKeys.TRUST_STORE,
                MicrosoftIdentityKeys.TRUST_STORE_PASSWORD, otherwise.trust);
        return trust == otherwise.trust ? otherwise : new MicrosoftTrust(trust);
    }

    /** Whether this is the JVM's default trust, which HTTP clients use when they are given no TLS context. */
    public boolean isJvmDefault() {
        return trust.isJvmDefault();
    }

    /** The TLS context to connect with. */
    public SSLContext sslContext() {
        return trust.sslContext();
    }

    /** The socket factory of {@link #sslContext()}. */
    public SSLSocketFactory socketFactory() {
        return trust.socketFactory();
    }

    /** The trust manager of {@link #sslContext()}, for HTTP clients that take both. */
    public X509TrustManager trustManager() {
        return trust.trustManager();
    }

    /**
     * The settings problem behind a failed connection to {@code url}, when its certificate was the reason: a
     * certificate no trusted authority issued is a problem of {@code email.graph.trust-store}, one issued for
     * another host a problem of {@code urlKey}. Such a failure repeats on every attempt, so it is not retried.
     *
     * @param urlKey the key {@code url} comes from, such as {@code email.graph.authority}
     * @return empty when the failure has another cause
     */
    public Optional<SettingsException> certificateProblem(Throwable failure, ResolvedSettings settings,
            SettingKey<URI> urlKey, URI url) {
        String host = url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        String urlName = settings.fullKey(urlKey);
        Optional<Throwable> untrusted = Causes.find(failure, CertPathBuilderException.class,
                CertPathValidatorException.class);
        if (untrusted.isPresent()) {
            String trustStore = settings.fullKey(MicrosoftIdentityKeys.TRUST_STORE);
            String why = Causes.find(failure, CertificateException.class).orElse(untrusted.get()).getMessage();
            return Optional.of(problem(settings, MicrosoftIdentityKeys.TRUST_STORE, "the TLS certificate of " + host
                    + " (" + urlName + ") is not trusted by " + trust.name() + " (" + why + "). Behind "
                    + "a TLS-inspecting proxy, set " + trustStore + " to a trust store with the proxy's certificate "
                    + "authority; otherwise check " + urlName, failure));
        }
        return Causes.find(failure, CertificateException.class).map(invalid -> problem(settings, urlKey, "the TLS "
                + "certificate of " + host + " is not valid for that host (" + invalid.getMessage() + "); check "
                + urlName, failure));
    }

    private static SettingsException problem(ResolvedSettings settings, SettingKey<?> key, String message,
            Throwable cause) {
        return new SettingsException(List.of(settings.problem(key, message)), null, null, cause);
    }

    @Override
    public String toString() {
        return "MicrosoftTrust[" + trust.name() + "]";
    }
}
