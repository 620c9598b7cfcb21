package dev.notify.web.jdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.notify.web.WebHandler;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import dev.notify.web.internal.BoundedBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link WebHandler} with the JDK's built-in HTTP server ({@code com.sun.net.httpserver}): for a
 * standalone page ({@code notify admin}) and for tests. Binds to 127.0.0.1 unless told otherwise, so nothing is
 * reachable from another machine by default; port 0 picks a free port ({@link #port()} tells which).
 *
 * <p>Limits: request bodies over {@link Builder#maxBodyBytes} are refused with {@code 413} as soon as the limit is
 * passed; requests run on a bounded pool ({@link Builder#threads} threads, a queue of {@link Builder#queueCapacity});
 * and a request that takes longer than {@link Builder#readTimeout} to arrive, or a response longer to be taken,
 * has its connection closed, so a slow client cannot hold a thread. The JDK's server reads these time limits once
 * per JVM from the system properties {@code sun.net.httpserver.maxReqTime} and {@code maxRspTime}: the first
 * server started sets them from its read timeout unless the host set them; later servers share them. It also sets
 * {@code sun.net.httpserver.nodelay} to true unless the host set it: without it the JDK's server leaves Nagle's
 * algorithm on, and each small response waits about 40 ms for the client's delayed ACK (an SMS receipt endpoint
 * answered about 90 callbacks/s so; servlet containers turn Nagle off too).
 *
 * <p>This class is threadsafe.
 */
public final class JdkWebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdkWebServer.class);
    private static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
    private static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    /** How much of a refused body is read and dropped, so the client still reads the 413 before the close. */
    private static final long DRAIN_BYTES = 1024 * 1024;

    private final Builder config;
    private final Object lock = new Object();
    private HttpServer server;
    private ThreadPoolExecutor executor;

    private JdkWebServer(Builder config) {
        this.config = config;
    }

    /** Starts a builder for a server that answers with {@code handler}. */
    public static Builder builder(WebHandler handler) {
        return new Builder(handler);
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException when the address cannot be bound
     * @throws IllegalStateException when already started
     */
    public JdkWebServer start() throws IOException {
        synchronized (lock) {
            if (server != null) {
                throw new IllegalStateException("already started");
            }
            applyTimeLimits(config.readTimeout);
            HttpServer created = HttpServer.create(new InetSocketAddress(config.address, config.port), config.backlog);
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(config.threads, config.threads, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(config.queueCapacity), r -> {
                        Thread t = new Thread(r, "notify-web-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            created.setExecutor(pool);
            created.createContext("/", this::exchange);
            created.start();
            this.server = created;
            this.executor = pool;
            LOG.info("Serving on {}", uri());
            return this;
        }
    }

    private static void applyTimeLimits(Duration readTimeout) {
        String seconds = Long.toString(Math.max(1, readTimeout.toSeconds()));
        if (System.getProperty(MAX_REQ_TIME) == null) {
            System.setProperty(MAX_REQ_TIME, seconds);
        }
        if (System.getProperty(MAX_RSP_TIME) == null) {
            System.setProperty(MAX_RSP_TIME, seconds);
        }
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    /** The bound port; after {@link #start()}. */
    public int port() {
        synchronized (lock) {
            if (server == null) {
                throw new IllegalStateException("not started");
            }
            return server.getAddress().getPort();
        }
    }

    /** {@code http://127.0.0.1:PORT/}: the server's base URI; after {@link #start()}. */
    public URI uri() {
        String host = config.address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Stops taking connections, gives running exchanges up to a second, and stops the threads. Idempotent. */
    public void stop() {
        synchronized (lock) {
            if (server == null) {
                return;
            }
            server.stop(1);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            WebResponse response;
            try {
                response = config.handler.handle(request(exchange));
            } catch (BoundedBody.TooLargeException e) {
                exchange.getResponseHeaders().add("Connection", "close");
                response = WebResponse.text(413, "Request too large: at most " + config.maxBodyBytes + " bytes.\n");
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
                response = WebResponse.text(500, "Internal error.\n");
            }
            write(exchange, response);
        }
    }

    private WebRequest request(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                length = -1;
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            try {
                body = BoundedBody.read(in, length, config.maxBodyBytes);
            } catch (BoundedBody.TooLargeException e) {
                BoundedBody.drain(in, DRAIN_BYTES);
                throw e;
            }
        }
        URI uri = exchange.getRequestURI();
        WebRequest.Builder request = WebRequest.builder(exchange.getRequestMethod(),
                        uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath())
                .rawQuery(uri.getRawQuery())
                .body(body)
                .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress());
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                request.header(header.getKey(), value);
            }
        }
        return request.build();
    }

    private static void write(HttpExchange exchange, WebResponse response) throws IOException {
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            for (String value : header.getValue()) {
                exchange.getResponseHeaders().add(header.getKey(), value);
            }
        }
        boolean noBody = response.length() == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.length());
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public String toString() {
        return "JdkWebServer[" + config.address.getHostAddress() + ":" + config.port + "]";
    }

    /** Configures a {@link JdkWebServer}. Each method checks its argument. This class is not threadsafe. */
    public static final class Builder {
        private final WebHandler handler;
        private InetAddress address;
        private int port;
        private int maxBodyBytes = 64 * 1024;
        private Duration readTimeout = Duration.ofSeconds(30);
        private int threads = 4;
        private int queueCapacity = 64;
        private int backlog = 50;

        private Builder(WebHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            try {
                this.address = InetAddress.getByName("127.0.0.1");
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The address to bind; default 127.0.0.1 (loopback only). */
        public Builder address(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The longest request body accepted; default 64 KiB. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must not be negative, was " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * How long a request may take to arrive, and a response to be taken, before the connection is closed;
         * whole seconds, at least one; default 30 seconds. See the class comment for how the JDK reads it.
         */
        public Builder readTimeout(Duration timeout) {
            if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("readTimeout must be at least one second, was " + timeout);
            }
            this.readTimeout = timeout;
            return this;
        }

        /** How many requests are answered at once; default 4. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** How many requests may wait for a thread; default 64. */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, was " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        public JdkWebServer build() {
            return new JdkWebServer(this);
        }
    }
}
