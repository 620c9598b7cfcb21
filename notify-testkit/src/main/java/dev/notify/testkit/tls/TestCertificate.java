package dev.notify.testkit.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate made at run time for test servers on loopback: EC P-256, valid for one day,
 * with the host names and IP addresses given as subject alternative names, so clients that verify host names
 * accept it once they trust it. Needs {@code org.bouncycastle:bcpkix-jdk18on} on the test class path.
 *
 * <pre>{@code
 * TestCertificate cert = TestCertificate.forLocalhost();
 * SSLContext server = cert.serverContext();        // for the test server
 * Path trust = cert.writeTrustStore(dir.resolve("trust.p12"), "changeit");  // for email.smtp.trust-store
 * }</pre>
 *
 * <p>This class is immutable and threadsafe.
 */
public final class TestCertificate {

    private static final char[] KEY_PASSWORD = "notify-test".toCharArray();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private TestCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}. */
    public static TestCertificate forLocalhost() {
        return forHosts("localhost", "127.0.0.1", "::1");
    }

    /**
     * A certificate whose subject alternative names are exactly {@code hosts}: IP literals become IP address
     * entries, everything else DNS names. The first host is also the common name.
     */
    public static TestCertificate forHosts(String... hosts) {
        if (hosts.length == 0) {
            throw new IllegalArgumentException("hosts: at least one host name or IP address is needed");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keyPair = generator.generateKeyPair();
            X500Principal subject = new X500Principal("CN=" + hosts[0] + ", O=notify test kit");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names(hosts)));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            return new TestCertificate(keyPair, certificate);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate a test certificate: " + e, e);
        }
    }

    private static GeneralName[] names(String[] hosts) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : Objects.requireNonNull(hosts, "hosts")) {
            names.add(isIpLiteral(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        return names.toArray(GeneralName[]::new);
    }

    private static boolean isIpLiteral(String host) {
        if (host.contains(":")) {
            return true;
        }
        if (!host.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** An SSL context that presents this certificate, for a test server. */
    public SSLContext serverContext() {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", keyPair.getPrivate(), KEY_PASSWORD, new X509Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, KEY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server SSL context: " + e, e);
        }
    }

    /**
     * Writes a PKCS#12 key store with this certificate and its private key (alias {@code server}), for servers
     * configured by file, such as WireMock's HTTPS. The key has the store's password.
     *
     * @return {@code file}
     */
    public Path writeKeyStore(Path file, String password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", keyPair.getPrivate(), password.toCharArray(),
                    new X509Certificate[] {certificate});
            keyStore.store(out, password.toCharArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the key store " + file + ": " + e, e);
        }
    }

    /** A key store that trusts this certificate only. */
    public KeyStore trustStore() {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("test-server", certificate);
            return trustStore;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the trust store: " + e, e);
        }
    }

    /** An SSL context for clients that trusts this certificate only, verifying host names as usual. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the client SSL context: " + e, e);
        }
    }

    /** The socket factory of {@link #clientContext()}, for HTTP clients such as msal4j's. */
    public SSLSocketFactory clientSocketFactory() {
        return clientContext().getSocketFactory();
    }

    /**
     * Writes a PKCS#12 trust store holding this certificate, for {@code email.smtp.trust-store}.
     *
     * @return {@code file}
     */
    public Path writeTrustStore(Path file, String password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, password.toCharArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trust store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the trust store " + file + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "TestCertificate[" + certificate.getSubjectX500Principal().getName() + ", expires "
                + certificate.getNotAfter().toInstant() + "]";
    }
}
