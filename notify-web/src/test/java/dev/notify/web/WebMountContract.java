package dev.notify.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every mount of a {@link WebHandler} does alike; each adapter's test extends it. */
public abstract class WebMountContract {

    protected static final int LIMIT = 1024;

    protected final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    protected final AtomicReference<WebRequest> seen = new AtomicReference<>();

    /** Starts the mount with {@code handler} and a body limit of {@link #LIMIT}; returns the URI of its root. */
    protected abstract URI start(WebHandler handler) throws Exception;

    protected abstract void stop() throws Exception;

    @AfterEach
    void stopMount() throws Exception {
        stop();
    }

    protected WebHandler recording(WebResponse answer) {
        return request -> {
            seen.set(request);
            return answer;
        };
    }

    protected HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void handlerSeesMethodPathQueryHeadersAndForm() throws Exception {
        URI root = start(recording(WebResponse.text(200, "ok")));

        HttpResponse<String> response = send(HttpRequest.newBuilder(root.resolve("servers/eu%2D1?x=1&x=2&y=%3Cb%3E"))
                .header("X-Test", "yes").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email.smtp.port=587&csrf=a%2Bb")).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        WebRequest request = seen.get();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/servers/eu-1");
        assertThat(request.query().get("x")).containsExactly("1", "2");
        assertThat(request.queryValue("y")).contains("<b>");
        assertThat(request.header("x-test")).contains("yes");
        assertThat(request.formValue("email.smtp.port")).contains("587");
        assertThat(request.formValue("csrf")).contains("a+b");
        assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
        assertThat(request.toString()).isEqualTo("POST /servers/eu-1");
    }

    @Test
    void responseStatusHeadersAndBodyReachTheClient() throws Exception {
        URI root = start(SecurityHeaders.wrap(request -> WebResponse.json(201, "{\"a\":\"é\"}")
                .withHeader("X-One", "1")));

        HttpResponse<String> response = send(HttpRequest.newBuilder(root).GET().build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"a\":\"é\"}");
        assertThat(response.headers().firstValue("content-type").orElseThrow().replace(" ", ""))
                .isEqualTo("application/json;charset=utf-8");
        assertThat(response.headers().firstValue("x-one")).contains("1");
        assertThat(response.headers().firstValue("content-security-policy"))
                .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(response.headers().firstValue("referrer-policy")).contains("no-referrer");
        assertThat(response.headers().firstValue("cache-control")).contains("no-store");
    }

    @Test
    void bodyOverTheLimitIsRefusedAndTheHandlerNotCalled() throws Exception {
        URI root = start(recording(WebResponse.text(200, "ok")));

        HttpResponse<String> response = send(HttpRequest.newBuilder(root).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(LIMIT + 1))).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(seen.get()).isNull();
    }

    @Test
    void bodyOverTheLimitWithoutContentLengthIsRefused() throws Exception {
        URI root = start(recording(WebResponse.text(200, "ok")));
        byte[] big = "y".repeat(LIMIT * 4).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(HttpRequest.newBuilder(root).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(seen.get()).isNull();
    }

    @Test
    void bodyAtTheLimitIsAccepted() throws Exception {
        URI root = start(recording(WebResponse.text(200, "ok")));

        HttpResponse<String> response = send(HttpRequest.newBuilder(root).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(LIMIT))).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen.get().body()).hasSize(LIMIT);
    }

    @Test
    void handlerFailureIsA500WithoutDetail() throws Exception {
        URI root = start(request -> {
            throw new IllegalStateException("secret detail");
        });

        HttpResponse<String> response = send(HttpRequest.newBuilder(root).GET().build());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret detail");
    }

    @Test
    void redirectCarriesTheLocation() throws Exception {
        URI root = start(request -> WebResponse.redirect("/admin/?saved=3"));

        HttpResponse<String> response = send(HttpRequest.newBuilder(root).GET().build());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("location")).contains("/admin/?saved=3");
    }
}
