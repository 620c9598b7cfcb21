package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.TransientDeliveryException;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A server that stops reading in the middle of the message content: the write timeout must end the send. */
class WriteTimeoutTest {

    @ParameterizedTest(name = "server offering [{0}]")
    @ValueSource(strings = {"", "PIPELINING", "PIPELINING CHUNKING"})
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWriteBlockedByAServerThatStopsReadingFailsWithinTheWriteTimeout(String offered) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(() -> stopReadingAfterData(server, offered, release), "stalling-smtp-server");
            thread.setDaemon(true);
            thread.start();
            EmailMessage big = EmailMessage.builder().from("sender@notify.example").to("alice@notify.example")
                    .subject("big").text("see attachment").messageId("<write-timeout@notify.example>")
                    .attach(Attachment.of("big.bin", "application/octet-stream", new byte[24 * 1024 * 1024]))
                    .build();

            try (SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.getLocalPort())
                    .set("email.smtp.write-timeout", "500ms")
                    .set("email.smtp.read-timeout", "20s")
                    .build())) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> sender.send(big)).isInstanceOf(TransientDeliveryException.class);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

                assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void cancelledDeadlinesLeaveNothingPendingAndCloseStopsTheWatchdog() throws Exception {
        WriteDeadlines deadlines = new WriteDeadlines(Duration.ofMillis(200));
        for (int i = 0; i < 1000; i++) {
            deadlines.schedule(() -> "expired", 200, TimeUnit.MILLISECONDS).cancel(true);
        }
        var expiring = deadlines.schedule(() -> "expired", 50, TimeUnit.MILLISECONDS);

        assertThat(expiring.get(5, TimeUnit.SECONDS)).isEqualTo("expired");
        assertThat(deadlines.pendingCount()).isZero();
        deadlines.shutdownNow();
        assertThat(deadlines.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(deadlines.isTerminated()).isTrue();
    }

    private static void stopReadingAfterData(ServerSocket server, String offered, CountDownLatch release) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write("220 stalling server\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(java.util.Locale.ROOT);
                if (command.startsWith("BDAT")) {
                    release.await();
                    return;
                }
                String extensions = offered.isEmpty() ? "" : "250-" + offered.replace(" ", "\r\n250-") + "\r\n";
                String reply = command.startsWith("EHLO") ? "250-stalling\r\n" + extensions + "250 SIZE 100000000\r\n"
                        : command.startsWith("DATA") ? "354 send it\r\n" : "250 ok\r\n";
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (command.startsWith("DATA")) {
                    release.await();
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up; the test checks how
        }
    }
}
