package dev.notify.spi;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Reads a trust store named by the settings ({@code <channel>.<provider>.trust-store}), for providers that let
 * an administrator trust a private certificate authority, and builds the TLS context that trusts it: the one way
 * notify's providers build TLS contexts. Errors name the key and never the password.
 *
 * <pre>{@code
 * TrustStores.Trust trust = TrustStores.Trust.fromSettings(settings, ACME_TRUST_STORE, ACME_TRUST_STORE_PASSWORD,
 *         TrustStores.Trust.jvmDefault());
 * HttpClient client = HttpClient.newBuilder().sslContext(trust.sslContext())
 *         .sslParameters(trust.clientParameters()).build();
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class TrustStores {

    private static final List<String> CLIENT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TrustStores() {
    }

    /**
     * The trust store the settings name, read as PKCS#12 or JKS; empty when {@code fileKey} has no value (use the
     * JVM's default trust then).
     *
     * @throws SettingsException naming {@code fileKey} or {@code passwordKey} when the file is missing, empty,
     *     unreadable or its password is wrong
     */
    public static Optional<KeyStore> load(ResolvedSettings settings, SettingKey<Path> fileKey, SettingKey<Secret> passwordKey) {
        Optional<Path> file = settings.find(fileKey);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String key = settings.fullKey(fileKey);
        Exception last = null;
        for (String type : List.of("PKCS12", "JKS")) {
            char[] password = settings.find(passwordKey).map(Secret::revealChars).orElse(null);
            try (InputStream in = Files.newInputStream(file.get())) {
                KeyStore store = KeyStore.getInstance(type);
                store.load(in, password);
                if (store.size() == 0) {
                    throw problem(key, "the trust store " + file.get() + " holds no certificate");
                }
                return Optional.of(store);
            } catch (NoSuchFileException e) {
                throw problem(key, "the trust store " + file.get() + " does not exist");
            } catch (IOException | GeneralSecurityException e) {
                last = e;
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }
        boolean wrongPassword = last.getCause() instanceof UnrecoverableKeyException
                || String.valueOf(last.getMessage()).contains("password");
        throw problem(key, "cannot read the trust store " + file.get() + " as PKCS#12 or JKS: "
                + (wrongPassword ? "wrong password (" + settings.fullKey(passwordKey) + ")" : last.getMessage()));
    }

    /**
     * The X.509 trust manager that trusts exactly the certificate authorities in {@code trustStore}, or those of
     * the JVM's default trust store when it is null; the store is read now, so later changes to it have no effect.
     *
     * @throws IllegalArgumentException when the store cannot be used as a trust store
     */
    private static X509TrustManager trustManager(KeyStore trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the trust store yields no X.509 trust manager"));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the trust store: " + e.getMessage(), e);
        }
    }

    /**
     * A TLS context whose certificate checks go to {@code trustManager} alone. Certificates are always verified;
     * host names are verified by the client that opens the connection (HTTPS clients do so by default, an SMTP
     * client must ask for it).
     *
     * @throws IllegalArgumentException when this JVM has no TLS implementation
     */
    private static SSLContext sslContext(X509TrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The client protocols notify offers, newest first, that {@code context} supports: TLS 1.3 and TLS 1.2, never
     * older.
     */
    public static List<String> clientProtocols(SSLContext context) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        return CLIENT_PROTOCOLS.stream().filter(supported::contains).toList();
    }

    /**
     * The certificate authorities a client trusts, with the TLS context built from them: those of a trust store,
     * or the JVM's default ({@code javax.net.ssl.trustStore}, else the JDK's {@code cacerts}). Certificates are
     * always verified, and {@link #clientParameters()} verifies host names too; nothing here trusts everything.
     *
     * <p>This class is immutable and threadsafe.
     */
    public static final class Trust {

        private static final Trust JVM_DEFAULT = new Trust(null, null, "the JVM's default trust store");

        private final SSLContext context;
        private final X509TrustManager trustManager;
        private final String name;

        private Trust(SSLContext context, X509TrustManager trustManager, String name) {
            this.context = context;
            this.trustManager = trustManager;
            this.name = name;
        }

        /** The JVM's default trust store. */
        public static Trust jvmDefault() {
            return JVM_DEFAULT;
        }

        /**
         * Exactly the certificate authorities in {@code trustStore}, read now, so later changes to it have no effect.
         *
         * @param name how errors name the store, such as {@code "the trust store given to the provider"}
         * @throws IllegalArgumentException when the store cannot be used as a trust store
         */
        public static Trust of(KeyStore trustStore, String name) {
            X509TrustManager manager = TrustStores.trustManager(Objects.requireNonNull(trustStore, "trustStore"));
            return new Trust(TrustStores.sslContext(manager), manager, Objects.requireNonNull(name, "name"));
        }

        /**
         * The trust store {@code fileKey} names when the settings have one, else {@code otherwise}.
         *
         * @throws SettingsException naming {@code fileKey} or {@code passwordKey} when the store cannot be used
         */
        public static Trust fromSettings(ResolvedSettings settings, SettingKey<Path> fileKey,
                SettingKey<Secret> passwordKey, Trust otherwise) {
            Objects.requireNonNull(otherwise, "otherwise");
            Optional<KeyStore> store = load(settings, fileKey, passwordKey);
            if (store.isEmpty()) {
                return otherwise;
            }
            String key = settings.fullKey(fileKey);
            try {
                return of(store.get(), key + " (" + settings.get(fileKey) + ")");
            } catch (IllegalArgumentException e) {
                throw new SettingsException(List.of(settings.problem(fileKey, "cannot set up TLS with this trust "
                        + "store: " + e.getMessage())), null, null, e);
            }
        }

        /** Whether this is the JVM's default trust, which clients use when they are given no TLS context. */
        public boolean isJvmDefault() {
            return context == null;
        }

        /** The TLS context to connect with: the JVM's default context for {@link #jvmDefault()}. */
        public SSLContext sslContext() {
            if (context != null) {
                return context;
            }
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM has no default TLS context", e);
            }
        }

        /** The socket factory of {@link #sslContext()}; its sockets verify certificates, not host names. */
        public SSLSocketFactory socketFactory() {
            return sslContext().getSocketFactory();
        }

        /** The trust manager of {@link #sslContext()}, for clients that take both. */
        public X509TrustManager trustManager() {
            return trustManager != null ? trustManager : TrustStores.trustManager(null);
        }

        /**
         * Parameters for a client socket: {@link TrustStores#clientProtocols} and host name verification (endpoint
         * identification {@code HTTPS}, RFC 2818), so a certificate issued for another host is refused.
         */
        public SSLParameters clientParameters() {
            SSLParameters parameters = sslContext().getDefaultSSLParameters();
            parameters.setProtocols(clientProtocols(sslContext()).toArray(String[]::new));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            return parameters;
        }

        /** How errors name these authorities: {@code sms.acme.trust-store (/etc/ca.p12)}. */
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return "Trust[" + name + "]";
        }
    }

    private static SettingsException problem(String key, String message) {
        return new SettingsException(List.of(new Problem(key, message)));
    }
}
