package dev.notify.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where the sink listens and how to reach it, as its {@code sink.properties} says.
 *
 * @param host               the host name its certificate is made for
 * @param port               SMTP
 * @param controlPort        the control channel
 * @param trustStore         a PKCS#12 trust store with only the sink's certificate
 * @param trustStorePassword the trust store's password
 * @param username           the account
 * @param password           the account's password (a local, throwaway one)
 * @param chunking           whether it offers CHUNKING (BDAT)
 */
public record SinkInfo(String host, int port, int controlPort, Path trustStore, String trustStorePassword,
        String username, String password, boolean chunking) {

    public static SinkInfo read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return new SinkInfo(p.getProperty("host"), Integer.parseInt(p.getProperty("port")),
                Integer.parseInt(p.getProperty("controlPort")), Path.of(p.getProperty("trustStore")),
                p.getProperty("trustStorePassword"), p.getProperty("username"), p.getProperty("password"),
                Boolean.parseBoolean(p.getProperty("chunking")));
    }

    /** TLS that trusts the sink's certificate and nothing else; host names are checked by the caller. */
    public SSLContext clientTls() {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, trustStorePassword.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the sink's trust store " + trustStore, e);
        }
    }

    public SinkControl control() {
        return new SinkControl(host, controlPort);
    }
}
