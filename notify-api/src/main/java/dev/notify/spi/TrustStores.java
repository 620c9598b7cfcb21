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
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Reads a trust store named by the settings ({@code <channel>.<provider>.trust-store}), for providers that let
 * an administrator trust a private certificate authority, and builds the TLS context that trusts it. Errors name
 * the key and never the password.
 *
 * <p>This class is threadsafe.
 */
public final class TrustStores {

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
    public static X509TrustManager trustManager(KeyStore trustStore) {
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
    public static SSLContext sslContext(X509TrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static SettingsException problem(String key, String message) {
        return new SettingsException(List.of(new Problem(key, message)));
    }
}
