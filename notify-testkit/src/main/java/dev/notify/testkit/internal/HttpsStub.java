package dev.notify.testkit.internal;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.notify.testkit.tls.TestCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A WireMock server on an HTTPS loopback port presenting a test certificate for {@code localhost}, with its key
 * store and a trust store holding only that certificate written to a temporary directory that {@link #stop()}
 * deletes: what the Graph and SMS service fixtures run on. It also keeps their JUnit life cycle: registered in a
 * static field, one server serves the whole class; registered per instance, one server per test.
 *
 * <p>This class is threadsafe.
 */
public final class HttpsStub {

    /** The password of the key store and the trust store. */
    public static final String STORE_PASSWORD = "notify-testkit";

    private final TestCertificate certificate = TestCertificate.forLocalhost();
    private final Supplier<String> name;
    private final Consumer<WireMockServer> routes;
    private final Extension[] extensions;
    private WireMockServer server;
    private Path directory;
    private boolean perClass;

    /**
     * @param name       what the stub stands in for, for messages ({@code "the Graph fixture"})
     * @param routes     registers the stub's routes on the started server
     * @param extensions the WireMock extensions the routes use
     */
    public HttpsStub(Supplier<String> name, Consumer<WireMockServer> routes, Extension... extensions) {
        this.name = name;
        this.routes = routes;
        this.extensions = extensions.clone();
    }

    /** For JUnit's {@code beforeAll}: one server for the whole class. */
    public synchronized void beforeAll() {
        perClass = true;
        start();
    }

    /** For JUnit's {@code afterAll}. */
    public void afterAll() {
        stop();
    }

    /** For JUnit's {@code beforeEach}: starts a server for this test unless one serves the whole class. */
    public synchronized void beforeEach() {
        if (!perClass) {
            start();
        }
    }

    /** For JUnit's {@code afterEach}: stops the server of this test, not one that serves the whole class. */
    public synchronized void afterEach() {
        if (!perClass) {
            stop();
        }
    }

    /** Starts the server with its routes; nothing done when it is already running. */
    public synchronized void start() {
        if (server != null) {
            return;
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
            routes.accept(server);
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

    /** {@code https://localhost:<port>}. */
    public URI baseUrl() {
        return URI.create("https://localhost:" + running().httpsPort());
    }

    /** A trust store holding the server's (self-signed) certificate and nothing else. */
    public KeyStore trustStore() {
        return certificate.trustStore();
    }

    /** A TLS context trusting only this server, verifying host names as usual. */
    public SSLContext sslContext() {
        return certificate.clientContext();
    }

    /** A WireMock transformer named {@code name} that answers the stubs naming it, and only those, with {@code answer}. */
    public static ResponseDefinitionTransformerV2 transformer(String name, Function<ServeEvent, ResponseDefinition> answer) {
        return new ResponseDefinitionTransformerV2() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean applyGlobally() {
                return false;
            }

            @Override
            public ResponseDefinition transform(ServeEvent event) {
                return answer.apply(event);
            }
        };
    }
}
