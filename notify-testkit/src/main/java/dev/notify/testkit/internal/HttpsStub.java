package dev.notify.testkit.internal;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.Extension;
import dev.notify.testkit.tls.TestCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A WireMock server on an HTTPS loopback port presenting a test certificate, with its key store and a trust store
 * holding only that certificate written to a temporary directory that {@link #stop()} deletes: what the Graph and
 * SMS service fixtures run on.
 *
 * <p>This class is threadsafe.
 */
public final class HttpsStub {

    /** The password of the key store and the trust store. */
    public static final String STORE_PASSWORD = "notify-testkit";

    private final TestCertificate certificate;
    private final Supplier<String> name;
    private WireMockServer server;
    private Path directory;

    /**
     * @param certificate the server's certificate
     * @param name        what the stub stands in for, for messages ({@code "the Graph fixture"})
     */
    public HttpsStub(TestCertificate certificate, Supplier<String> name) {
        this.certificate = certificate;
        this.name = name;
    }

    /** Starts the server with these WireMock extensions; false, and nothing done, when it is already running. */
    public synchronized boolean start(Extension... extensions) {
        if (server != null) {
            return false;
        }
        try {
            directory = Files.createTempDirectory("notify-https-stub");
            Path keyStore = directory.resolve("server.p12");
            certificate.writeKeyStore(keyStore, STORE_PASSWORD);
            certificate.writeTrustStore(directory.resolve("trust.p12"), STORE_PASSWORD);
            server = new WireMockServer(options()
                    .httpDisabled(true)
                    .httpsPort(0)
                    .bindAddress("127.0.0.1")
                    .keystorePath(keyStore.toString())
                    .keystoreType("PKCS12")
                    .keystorePassword(STORE_PASSWORD)
                    .keyManagerPassword(STORE_PASSWORD)
                    .containerThreads(40)
                    .jettyAcceptors(1)
                    .notifier(new Slf4jNotifier(false))
                    .extensions(extensions));
            server.start();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name.get(), e);
        }
    }

    /** Stops the server and deletes its stores. Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            directory = null;
        }
    }

    /** The running server. */
    public synchronized WireMockServer running() {
        if (server == null) {
            throw new IllegalStateException(name.get() + " is not running; register it with @RegisterExtension");
        }
        return server;
    }

    /** The trust store file; gone after {@link #stop()}. */
    public synchronized Path trustStorePath() {
        running();
        return directory.resolve("trust.p12");
    }
}
