package dev.notify.benchmarks.contenders;

import dev.notify.benchmarks.harness.Contender;
import dev.notify.benchmarks.harness.Mail;
import dev.notify.benchmarks.harness.Target;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The practical limit: a hand-written SMTP client on plain sockets, one connection per thread kept across runs,
 * that pipelines each message's content with the next message's MAIL, RCPT and DATA, so a message costs one round
 * trip. It also shows how much headroom the sink has.
 */
public final class RawPipelined implements Contender {

    @Override
    public String id() {
        return "raw-pipelined";
    }

    @Override
    public Client open(Target target, int threads) {
        Connection[] connections = new Connection[threads];
        return new Client() {
            @Override
            public void send(String run, int count) throws Exception {
                AtomicReference<Exception> failure = new AtomicReference<>();
                List<Thread> started = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    Thread worker = new Thread(() -> {
                        try {
                            if (connections[thread] == null) {
                                connections[thread] = Connection.open(target);
                            }
                            connections[thread].send(run, thread, threads, count);
                        } catch (Exception e) {
                            failure.compareAndSet(null, e);
                        }
                    }, "raw-" + t);
                    worker.start();
                    started.add(worker);
                }
                for (Thread worker : started) {
                    worker.join();
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
            }

            @Override
            public void close() {
                for (Connection c : connections) {
                    if (c != null) {
                        try {
                            c.close();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
            }
        };
    }

    private static final class Connection {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;

        static Connection open(Target target) throws IOException {
            Connection c = new Connection();
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(target.host(), target.port()), 10_000);
            s.setSoTimeout(10_000);
            c.use(s);
            c.expect(220);
            c.command("EHLO bench");
            c.expect(250);
            if (target.secure()) {
                c.command("STARTTLS");
                c.expect(220);
                SSLSocket tls = (SSLSocket) target.tls().getSocketFactory().createSocket(s, target.host(),
                        target.port(), true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                c.use(tls);
                c.command("EHLO bench");
                c.expect(250);
                String plain = "\0" + target.username() + "\0" + target.password();
                c.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
                c.expect(235);
            }
            return c;
        }

        private void use(Socket s) throws IOException {
            socket = s;
            in = s.getInputStream();
            out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
            position = 0;
            limit = 0;
        }

        /** Sends messages first, first + step, ... below count. */
        void send(String run, int first, int step, int count) throws IOException {
            if (first >= count) {
                return;
            }
            envelope();
            out.flush();
            for (int i = first; i < count; i += step) {
                expect(250);
                expect(250);
                expect(354);
                out.write(content(run, i));
                if (i + step < count) {
                    envelope();
                }
                out.flush();
                expect(250);
            }
        }

        private void envelope() throws IOException {
            out.write(("MAIL FROM:<" + Mail.FROM + ">\r\nRCPT TO:<" + Mail.TO + ">\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }

        private static byte[] content(String run, int sequence) {
            String message = "From: " + Mail.FROM + "\r\n"
                    + "To: " + Mail.TO + "\r\n"
                    + "Subject: " + Mail.subject(run, sequence) + "\r\n"
                    + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
                    + "Message-ID: <" + UUID.randomUUID() + "@example.com>\r\n"
                    + "MIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n"
                    + "Content-Transfer-Encoding: 7bit\r\n"
                    + "\r\n"
                    + Mail.BODY
                    + ".\r\n";
            return message.getBytes(StandardCharsets.US_ASCII);
        }

        private void command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Reads one (possibly multi-line) reply and checks its code. */
        private void expect(int code) throws IOException {
            while (true) {
                String line = readLine();
                if (line.length() < 3) {
                    throw new IOException("bad reply: " + line);
                }
                int actual = Integer.parseInt(line.substring(0, 3));
                if (actual != code) {
                    throw new IOException("expected " + code + ", got: " + line);
                }
                if (line.length() == 3 || line.charAt(3) == ' ') {
                    return;
                }
            }
        }

        private String readLine() throws IOException {
            StringBuilder b = new StringBuilder(64);
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit < 0) {
                        throw new IOException("the server closed the connection");
                    }
                }
                char c = (char) buffer[position++];
                if (c == '\n') {
                    int end = b.length() > 0 && b.charAt(b.length() - 1) == '\r' ? b.length() - 1 : b.length();
                    return b.substring(0, end);
                }
                b.append(c);
            }
        }

        void close() throws IOException {
            try {
                command("QUIT");
                expect(221);
            } finally {
                socket.close();
            }
        }
    }
}
