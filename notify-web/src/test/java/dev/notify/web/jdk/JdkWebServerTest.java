package dev.notify.web.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.web.WebHandler;
import dev.notify.web.WebMountContract;
import dev.notify.web.WebResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JdkWebServerTest extends WebMountContract {

    private JdkWebServer server;

    @Override
    protected URI start(WebHandler handler) throws Exception {
        server = JdkWebServer.builder(handler).maxBodyBytes(LIMIT).readTimeout(Duration.ofSeconds(1)).build().start();
        return server.uri();
    }

    @Override
    protected void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void bindsToLoopbackOnAFreePortByDefault() throws Exception {
        URI root = start(recording(WebResponse.text(200, "ok")));

        assertThat(root.getHost()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(InetAddress.getByName(root.getHost()).isLoopbackAddress()).isTrue();
    }

    @Test
    void aClientThatNeverFinishesItsRequestIsDisconnected() throws Exception {
        URI root = start(recording(WebResponse.text(200, "ok")));

        try (Socket socket = new Socket("127.0.0.1", root.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            int total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
            assertThat(n).as("the server closed the connection").isEqualTo(-1);
        }
        assertThat(seen.get()).as("the handler never saw the unfinished request").isNull();
    }

    @Test
    void startTwiceIsRefusedAndStopIsIdempotent() throws Exception {
        start(recording(WebResponse.text(200, "ok")));

        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        server.stop();
        server.stop();
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }
}
