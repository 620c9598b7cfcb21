package dev.notify.benchmarks.sink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * An SMTP server that accepts and counts every message: ESMTP with PIPELINING, CHUNKING (BDAT, unless started
 * without), SIZE, 8BITMIME, STARTTLS with a certificate made at start-up, and AUTH PLAIN/LOGIN after STARTTLS. A
 * thread per connection.
 *
 * <p>A control port answers one-line commands: {@code STATS} (the counts as {@code key=value} pairs) and
 * {@code DELAY <micros>} (added before each flush of replies, i.e. once per round trip).
 *
 * <p>{@code java -cp ... dev.notify.benchmarks.sink.SmtpSink <dir> [--no-chunking]} writes
 * {@code <dir>/truststore.p12} and then {@code <dir>/sink.properties} (ports, trust store, credentials, whether it
 * offers CHUNKING) and runs until killed.
 *
 * <p>This class is threadsafe.
 */
public final class SmtpSink implements AutoCloseable {

    /** The account the sink accepts. */
    public static final String USERNAME = "bench";
    /** Not a secret: a password that only this local sink knows. */
    public static final String PASSWORD = "bench-sink-password";
    /** The trust store's password. */
    public static final String TRUST_STORE_PASSWORD = "changeit";

    /** Whether the sink offers CHUNKING (RFC 3030) in its EHLO reply and takes BDAT. */
    public enum Chunking {
        OFFERED, NOT_OFFERED
    }

    private final SinkStats stats = new SinkStats();
    private final ServerSocket smtp;
    private final ServerSocket control;
    private final SSLContext tls;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sink");
        t.setDaemon(true);
        return t;
    });
    private final Path trustStore;
    private final boolean chunking;
    private volatile boolean closed;

    private SmtpSink(Path dir, Chunking chunking) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        this.tls = certificate.serverContext();
        this.trustStore = dir.resolve("truststore.p12").toAbsolutePath();
        certificate.writeTrustStore(trustStore, TRUST_STORE_PASSWORD.toCharArray());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.smtp = new ServerSocket(0, 512, loopback);
        this.control = new ServerSocket(0, 16, loopback);
        this.chunking = chunking == Chunking.OFFERED;
    }

    /** Starts a sink that offers CHUNKING; see {@link #start(Path, Chunking)}. */
    public static SmtpSink start(Path dir) throws IOException, GeneralSecurityException {
        return start(dir, Chunking.OFFERED);
    }

    /** Starts a sink on free loopback ports, writing its trust store and {@code sink.properties} into {@code dir}. */
    public static SmtpSink start(Path dir, Chunking chunking) throws IOException, GeneralSecurityException {
        SmtpSink sink = new SmtpSink(dir, chunking);
        sink.threads.execute(sink::acceptSmtp);
        sink.threads.execute(sink::acceptControl);
        Properties p = new Properties();
        p.setProperty("host", "localhost");
        p.setProperty("port", String.valueOf(sink.smtp.getLocalPort()));
        p.setProperty("controlPort", String.valueOf(sink.control.getLocalPort()));
        p.setProperty("trustStore", sink.trustStore.toString());
        p.setProperty("trustStorePassword", TRUST_STORE_PASSWORD);
        p.setProperty("username", USERNAME);
        p.setProperty("password", PASSWORD);
        p.setProperty("chunking", String.valueOf(sink.chunking));
        Path file = dir.resolve("sink.properties");
        Path tmp = dir.resolve("sink.properties.tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "notify benchmark sink");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return sink;
    }

    public static void main(String[] args) throws Exception {
        boolean withoutChunking = args.length == 2 && args[1].equals("--no-chunking");
        if (args.length != 1 && !withoutChunking) {
            System.err.println("usage: SmtpSink <dir> [--no-chunking]");
            System.exit(2);
        }
        try (SmtpSink sink = start(Path.of(args[0]), withoutChunking ? Chunking.NOT_OFFERED : Chunking.OFFERED)) {
            System.out.println("sink listening on localhost:" + sink.smtp.getLocalPort() + ", control "
                    + sink.control.getLocalPort() + (sink.chunking ? ", CHUNKING offered" : ", CHUNKING not offered"));
            new CountDownLatch(1).await();
        }
    }

    private void acceptSmtp() {
        while (!closed) {
            try {
                Socket s = smtp.accept();
                threads.execute(new SinkSession(s, tls, stats, chunking, USERNAME, PASSWORD));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("sink accept failed: " + e);
                }
            }
        }
    }

    private void acceptControl() {
        while (!closed) {
            try (Socket s = control.accept();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.US_ASCII));
                    OutputStream out = s.getOutputStream()) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write((answer(line.trim()) + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("sink control failed: " + e);
                }
            }
        }
    }

    private String answer(String command) {
        if (command.equals("STATS")) {
            return stats.line();
        }
        if (command.startsWith("DELAY ")) {
            try {
                stats.replyDelayNanos = TimeUnit.MICROSECONDS.toNanos(Long.parseLong(command.substring(6).trim()));
                return "OK";
            } catch (NumberFormatException e) {
                return "ERROR bad number";
            }
        }
        return "ERROR unknown command";
    }

    @Override
    public void close() throws IOException {
        closed = true;
        smtp.close();
        control.close();
        threads.shutdownNow();
    }
}
