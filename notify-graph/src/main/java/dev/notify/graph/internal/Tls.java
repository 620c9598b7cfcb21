package dev.notify.graph.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities a sender trusts for the login host and Graph: the JVM's default, or those of a
 * trust store given to the provider. Certificates and host names are always verified.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Tls {

    private static final Tls JVM_DEFAULT = new Tls(null, null);

    private final SSLSocketFactory socketFactory;
    private final X509TrustManager trustManager;

    private Tls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
        this.socketFactory = socketFactory;
        this.trustManager = trustManager;
    }

    public static Tls jvmDefault() {
        return JVM_DEFAULT;
    }

    /**
     * Trusts exactly the certificate authorities in {@code trustStore}; the store is read now, so later changes
     * to it have no effect.
     */
    public static Tls trusting(KeyStore trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            X509TrustManager manager = Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the trust store yields no X.509 trust manager"));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            return new Tls(context.getSocketFactory(), manager);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the trust store: " + e.getMessage(), e);
        }
    }

    public boolean isJvmDefault() {
        return socketFactory == null;
    }

    /** The socket factory for a custom trust store; null for the JVM default. */
    SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    /** The trust manager for a custom trust store; null for the JVM default. */
    X509TrustManager trustManager() {
        return trustManager;
    }
}
