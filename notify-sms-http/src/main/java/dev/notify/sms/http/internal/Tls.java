package dev.notify.sms.http.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate authorities a sender trusts: the JVM's default, or those of a trust store. The HTTP client
 * always verifies certificates and host names.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Tls {

    private static final Tls JVM_DEFAULT = new Tls(null);

    private final SSLContext context;

    private Tls(SSLContext context) {
        this.context = context;
    }

    public static Tls jvmDefault() {
        return JVM_DEFAULT;
    }

    /**
     * Trusts exactly the certificate authorities in {@code trustStore}, read now.
     *
     * @throws IllegalArgumentException when the store cannot be used as a trust store
     */
    public static Tls trusting(KeyStore trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return new Tls(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the trust store: " + e.getMessage(), e);
        }
    }

    public boolean isJvmDefault() {
        return context == null;
    }

    /** The TLS context for a custom trust store; empty for the JVM's default. */
    Optional<SSLContext> context() {
        return Optional.ofNullable(context);
    }
}
