package dev.notify.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The client of the sink's control port. This class is threadsafe. */
public final class SinkControl {

    private final String host;
    private final int port;

    SinkControl(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public SinkStats stats() {
        return SinkStats.parse(ask("STATS"));
    }

    /** Sets the delay the sink adds before each flush of replies (one per round trip). */
    public void delay(Duration delay) {
        String answer = ask("DELAY " + delay.toNanos() / 1000);
        if (!answer.equals("OK")) {
            throw new IllegalStateException("the sink refused the delay: " + answer);
        }
    }

    private String ask(String command) {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the sink closed the control connection");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the sink's control port " + host + ":" + port, e);
        }
    }
}
