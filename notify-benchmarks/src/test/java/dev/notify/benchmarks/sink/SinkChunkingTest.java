package dev.notify.benchmarks.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.benchmarks.SinkExtension;
import dev.notify.benchmarks.harness.SinkInfo;
import dev.notify.benchmarks.harness.SinkStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** CHUNKING (RFC 3030) in the sink, over a raw socket: chunks are counted like DATA and keep the connection in step. */
class SinkChunkingTest {

    private static final String MAIL = "MAIL FROM:<a@example.com>";
    private static final String RCPT = "RCPT TO:<b@example.org>";

    @RegisterExtension
    static final SinkExtension SINK = new SinkExtension();

    @Test
    void ehloOffersChunkingRightAfterPipelining() throws Exception {
        try (Client client = Client.connect(SINK.info())) {
            List<String> ehlo = client.command("EHLO test");

            assertThat(ehlo).containsSubsequence("250-PIPELINING", "250-CHUNKING");
            assertThat(ehlo.indexOf("250-CHUNKING")).isEqualTo(ehlo.indexOf("250-PIPELINING") + 1);
            assertThat(SINK.info().chunking()).isTrue();
        }
    }

    @Test
    void ehloAfterStartTlsOffersChunkingToo() throws Exception {
        try (Client client = greeted()) {
            client.command("STARTTLS");
            client.startTls(SINK.info());

            assertThat(client.command("EHLO test")).containsSubsequence("250-PIPELINING", "250-CHUNKING");
        }
    }

    @Test
    void oneChunkWithLastIsOneAcceptedMessage() throws Exception {
        byte[] message = message(7);
        SinkStats before = stats();
        try (Client client = inTransaction()) {
            List<String> reply = client.chunk("BDAT " + message.length + " LAST", message);

            assertThat(reply).containsExactly("250 2.0.0 OK " + message.length + " octets");
        }
        SinkStats delta = stats().since(before);
        assertThat(delta.messages()).isEqualTo(1);
        assertThat(delta.sequenceSum()).isEqualTo(7);
        assertThat(delta.withoutSequence()).isZero();
        assertThat(delta.bytes()).isEqualTo(message.length);
    }

    @Test
    void twoChunksMakeOneMessageEvenWhenTheCutFallsInsideTheSubject() throws Exception {
        byte[] message = message(12);
        int cut = new String(message, StandardCharsets.US_ASCII).indexOf("#12") + 2;
        SinkStats before = stats();
        try (Client client = inTransaction()) {
            List<String> first = client.chunk("BDAT " + cut, Arrays.copyOfRange(message, 0, cut));
            SinkStats between = stats().since(before);
            List<String> last = client.chunk("BDAT " + (message.length - cut) + " LAST",
                    Arrays.copyOfRange(message, cut, message.length));

            assertThat(first).containsExactly("250 2.0.0 OK " + cut + " octets");
            assertThat(between.messages()).isZero();
            assertThat(last).containsExactly("250 2.0.0 OK " + (message.length - cut) + " octets");
        }
        SinkStats delta = stats().since(before);
        assertThat(delta.messages()).isEqualTo(1);
        assertThat(delta.sequenceSum()).isEqualTo(12);
        assertThat(delta.bytes()).isEqualTo(message.length);
    }

    @Test
    void bdatZeroLastEndsAChunkedMessage() throws Exception {
        byte[] message = message(3);
        SinkStats before = stats();
        try (Client client = inTransaction()) {
            client.chunk("BDAT " + message.length, message);

            List<String> reply = client.chunk("BDAT 0 LAST", new byte[0]);

            assertThat(reply).containsExactly("250 2.0.0 OK 0 octets");
        }
        SinkStats delta = stats().since(before);
        assertThat(delta.messages()).isEqualTo(1);
        assertThat(delta.sequenceSum()).isEqualTo(3);
    }

    @Test
    void aChunkWithoutRecipientIsReadAndRefusedAndTheNextTransactionWorks() throws Exception {
        byte[] commandsInside = "MAIL FROM:<x@example.com>\r\nRCPT TO:<y@example.org>\r\nQUIT\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] message = message(5);
        SinkStats before = stats();
        try (Client client = greeted()) {
            client.command(MAIL);

            List<String> refused = client.chunk("BDAT " + commandsInside.length + " LAST", commandsInside);

            assertThat(refused).containsExactly("554 5.5.1 No valid recipients");
            client.envelope();
            assertThat(client.chunk("BDAT " + message.length + " LAST", message))
                    .containsExactly("250 2.0.0 OK " + message.length + " octets");
        }
        SinkStats delta = stats().since(before);
        assertThat(delta.messages()).isEqualTo(1);
        assertThat(delta.sequenceSum()).isEqualTo(5);
    }

    @Test
    void aChunkWithoutMailIsReadAndRefused() throws Exception {
        byte[] message = message(1);
        SinkStats before = stats();
        try (Client client = greeted()) {
            List<String> refused = client.chunk("BDAT " + message.length + " LAST", message);

            assertThat(refused).containsExactly("503 5.5.1 MAIL first");
            assertThat(client.command("NOOP")).containsExactly("250 2.0.0 OK");
        }
        assertThat(stats().since(before).messages()).isZero();
    }

    @Test
    void pipelinedMailRcptAndBdatInOneWriteAreAnsweredInOneFlush() throws Exception {
        byte[] message = message(9);
        try (Client client = greeted()) {
            SinkStats before = stats();

            client.write(concat((MAIL + "\r\n" + RCPT + "\r\nBDAT " + message.length + " LAST\r\n")
                    .getBytes(StandardCharsets.US_ASCII), message));
            List<String> replies = List.of(client.readReplyLine(), client.readReplyLine(), client.readReplyLine());

            assertThat(replies).containsExactly("250 2.1.0 Sender OK", "250 2.1.5 Recipient OK",
                    "250 2.0.0 OK " + message.length + " octets");
            SinkStats delta = stats().since(before);
            assertThat(delta.flushes()).isEqualTo(1);
            assertThat(delta.messages()).isEqualTo(1);
            assertThat(delta.sequenceSum()).isEqualTo(9);
        }
    }

    @Test
    void rsetDiscardsAHalfReceivedChunkedMessage() throws Exception {
        byte[] message = message(4);
        SinkStats before = stats();
        try (Client client = inTransaction()) {
            client.chunk("BDAT " + message.length, message);

            assertThat(client.command("RSET")).containsExactly("250 2.0.0 OK");

            assertThat(client.chunk("BDAT 0 LAST", new byte[0])).containsExactly("503 5.5.1 MAIL first");
        }
        assertThat(stats().since(before).messages()).isZero();
    }

    @Test
    void dataAfterBdatInTheSameTransactionIsABadSequence() throws Exception {
        byte[] message = message(2);
        try (Client client = inTransaction()) {
            client.chunk("BDAT " + message.length, message);

            assertThat(client.command("DATA")).singleElement().asString().startsWith("503 5.5.1");
        }
    }

    @Test
    void aMalformedBdatIsASyntaxError() throws Exception {
        try (Client client = inTransaction()) {
            assertThat(client.command("BDAT 12 NOW")).containsExactly("501 5.5.4 Syntax: BDAT <size> [LAST]");
            assertThat(client.command("BDAT -1 LAST")).containsExactly("501 5.5.4 Syntax: BDAT <size> [LAST]");
        }
    }

    @Test
    void aSinkStartedWithoutChunkingNeitherOffersNorTakesBdat(@TempDir Path other) throws Exception {
        SmtpSink withoutChunking = SmtpSink.start(other, SmtpSink.Chunking.NOT_OFFERED);
        try (Client client = Client.connect(SinkInfo.read(other.resolve("sink.properties")))) {
            List<String> ehlo = client.command("EHLO test");

            assertThat(ehlo).contains("250-PIPELINING").doesNotContain("250-CHUNKING");
            assertThat(SinkInfo.read(other.resolve("sink.properties")).chunking()).isFalse();
            assertThat(client.command("BDAT 0 LAST")).containsExactly("502 5.5.2 Command not implemented");
        } finally {
            withoutChunking.close();
        }
    }

    private static Client greeted() throws IOException {
        Client client = Client.connect(SINK.info());
        client.command("EHLO test");
        return client;
    }

    /** Greeted, and MAIL and RCPT accepted. */
    private static Client inTransaction() throws IOException {
        Client client = greeted();
        client.envelope();
        return client;
    }

    private static SinkStats stats() {
        return SINK.info().control().stats();
    }

    private static byte[] message(int sequence) {
        return ("From: a@example.com\r\nTo: b@example.org\r\nSubject: chunking test #" + sequence + "\r\n"
                + "Message-ID: <" + sequence + "@example.com>\r\n\r\nA line of body.\r\n"
                + ".A leading dot, not stuffed: BDAT is binary.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A blocking SMTP client that writes exactly what it is given and reads replies line by line. */
    private static final class Client implements AutoCloseable {
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;

        static Client connect(SinkInfo sink) throws IOException {
            Client client = new Client();
            Socket s = new Socket();
            s.connect(new InetSocketAddress(sink.host(), sink.port()), 10_000);
            s.setSoTimeout(10_000);
            client.use(s);
            assertThat(client.readReply()).singleElement().asString().startsWith("220 ");
            return client;
        }

        void startTls(SinkInfo sink) throws IOException {
            SSLSocket tls = (SSLSocket) sink.clientTls().getSocketFactory().createSocket(socket, sink.host(),
                    sink.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            use(tls);
        }

        private void use(Socket s) throws IOException {
            socket = s;
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            out = s.getOutputStream();
        }

        void envelope() throws IOException {
            assertThat(command(MAIL)).containsExactly("250 2.1.0 Sender OK");
            assertThat(command(RCPT)).containsExactly("250 2.1.5 Recipient OK");
        }

        List<String> command(String line) throws IOException {
            write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return readReply();
        }

        /** The BDAT command line and its octets in one write. */
        List<String> chunk(String bdat, byte[] octets) throws IOException {
            write(concat((bdat + "\r\n").getBytes(StandardCharsets.US_ASCII), octets));
            return readReply();
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** A single-line reply. */
        String readReplyLine() throws IOException {
            return readReply().get(0);
        }

        List<String> readReply() throws IOException {
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    throw new IOException("the sink closed the connection after " + lines);
                }
                lines.add(line);
                if (line.length() < 4 || line.charAt(3) == ' ') {
                    return lines;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
