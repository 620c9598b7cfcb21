package dev.notify.sms.http.internal;

import dev.notify.DeliveryException;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.spi.TrustStores;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP client per sender: connect timeout, a deadline on every request, no redirects, HTTP/1.1, the JVM's
 * proxy settings, certificates and host names verified. Turns network failures into notify's exceptions naming
 * the keys involved; never retries.
 *
 * <p>This class is threadsafe.
 */
public final class HttpExchange {

    /** The most of a response body that is read. */
    static final int MAX_BODY = 64 * 1024;
    /** The most characters of an exception's text a message quotes. */
    static final int QUOTED = 200;

    private static final Logger LOG = LoggerFactory.getLogger(HttpExchange.class);

    private final HttpClient client;
    private final String service;
    private final ResolvedSettings settings;
    private final ConnectionKeys keys;
    private final Duration requestTimeout;
    private final Redactor redactor;

    private HttpExchange(HttpClient client, String service, Redactor redactor, ResolvedSettings settings,
            ConnectionKeys keys) {
        this.client = client;
        this.service = service;
        this.redactor = redactor;
        this.settings = settings;
        this.keys = keys;
        this.requestTimeout = settings.get(keys.requestTimeout());
    }

    /**
     * A client for the connection settings of {@code keys}; opens no connection. What the JDK's exceptions quote
     * (a malformed header, say) goes into messages through {@code redactor}'s excerpt.
     */
    public static HttpExchange create(String service, Redactor redactor, ResolvedSettings settings,
            ConnectionKeys keys, TrustStores.Trust tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.get(keys.connectTimeout()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies);
        }
        if (!tls.isJvmDefault()) {
            builder.sslContext(tls.sslContext());
        }
        return new HttpExchange(builder.build(), service, redactor, settings, keys);
    }

    /** A request to {@code uri} with the request timeout set. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout);
    }

    /**
     * Sends one request and reads the answer, whatever its status.
     *
     * @throws TransientDeliveryException when no answer came: refused or timed-out connection, no answer within
     *     the request timeout, a dropped connection
     * @throws SettingsException naming the URL and trust store keys when the certificate cannot be verified
     */
    public HttpAnswer send(HttpRequest request) {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<BoundedBody.Text>> future =
                client.sendAsync(request, BoundedBody.handler(MAX_BODY));
        try {
            HttpResponse<BoundedBody.Text> response = future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("{} {} {} answered {} in {} ms", service, request.method(), request.uri().getHost(),
                    response.statusCode(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return new HttpAnswer(response.statusCode(), response.headers(), response.body().value(),
                    response.body().truncated());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw noAnswer(request, null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransientDeliveryException("interrupted while waiting for " + service + " at " + hostOf(request)
                    + "; the SMS may or may not have been accepted", DeliveryException.Details.of(), e);
        } catch (ExecutionException e) {
            throw failure(request, e.getCause() == null ? e : e.getCause());
        }
    }

    private RuntimeException failure(HttpRequest request, Throwable e) {
        LOG.debug("{} {} {} failed: {}", service, request.method(), request.uri().getHost(), quoted(e));
        if (e instanceof HttpConnectTimeoutException) {
            return new TransientDeliveryException("could not connect to " + service + " at " + hostOf(request)
                    + " within " + formatted(keys.connectTimeout()) + " (" + settings.fullKey(keys.connectTimeout())
                    + "); nothing was sent", DeliveryException.Details.of(), e);
        }
        if (e instanceof HttpTimeoutException) {
            return noAnswer(request, e);
        }
        if (isCause(e, ConnectException.class)) {
            return new TransientDeliveryException("could not connect to " + service + " at " + hostOf(request) + " ("
                    + quoted(e) + "); nothing was sent", DeliveryException.Details.of(), e);
        }
        if (isCause(e, CertificateException.class)) {
            String message = "the TLS certificate of " + hostOf(request) + " cannot be verified (" + redactor.excerpt(rootMessage(e), QUOTED)
                    + "); if a TLS-inspecting proxy or a private certificate authority signs it, set "
                    + settings.fullKey(keys.trustStore());
            return new SettingsException(List.of(settings.problem(keys.url(), message)), null, null, e);
        }
        if (e instanceof IOException || e instanceof SSLException) {
            return new TransientDeliveryException("the connection to " + service + " at " + hostOf(request)
                    + " failed (" + quoted(e) + "); the SMS may or may not have been accepted",
                    DeliveryException.Details.of(), e);
        }
        return new TransientDeliveryException(service + " request to " + hostOf(request) + " failed (" + quoted(e)
                + "); the SMS may or may not have been accepted", DeliveryException.Details.of(), e);
    }

    private TransientDeliveryException noAnswer(HttpRequest request, Throwable cause) {
        return new TransientDeliveryException(service + " at " + hostOf(request) + " did not answer within "
                + formatted(keys.requestTimeout()) + " (" + settings.fullKey(keys.requestTimeout())
                + "); the SMS may or may not have been accepted", DeliveryException.Details.of(), cause);
    }

    /** An exception as a message quotes it: redacted, on one line, cut. */
    private String quoted(Throwable e) {
        return redactor.excerpt(e.toString(), QUOTED);
    }

    private String formatted(SettingKey<Duration> key) {
        return key.format(settings.get(key));
    }

    private static String hostOf(HttpRequest request) {
        URI uri = request.uri();
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static boolean isCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** Ends the client's work: on Java 21 and later it releases its threads and connections now. */
    public void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the {} HTTP client failed: {}", service, e.toString());
            }
        }
    }
}
