package dev.notify.outbox.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.util.Properties;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link OutboxProcess} in a JVM of its own, on this JVM's class path: what it acknowledged
 * ({@code seq -> Message-ID}), whether it finished enqueueing, and a way to kill it with SIGKILL.
 */
final class ChildJvm implements AutoCloseable {

    final Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
    private final Process process;
    private final CountDownLatch enqueued = new CountDownLatch(1);
    private final CountDownLatch idle = new CountDownLatch(1);
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "child-jvm-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** The child's standard error, kept in target/ for a look after a failure. */
    static Path log(String name) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "crash-logs"));
        return logs.resolve(name + ".log");
    }

    /** A settings file in {@code directory} for {@code smtp}, with retries after 1 to 2 s. */
    static Path settings(SmtpServerExtension smtp, Path directory) throws IOException {
        Properties p = new Properties();
        p.putAll(smtp.properties());
        p.put("outbox.retry.initial-delay", "1s");
        p.put("outbox.retry.max-delay", "2s");
        Path file = directory.resolve("notify.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, null);
        }
        return file;
    }

    static ChildJvm start(Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                OutboxProcess.class.getName()));
        command.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(command).redirectError(log.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("E ")) {
                    String[] parts = line.split(" ");
                    acknowledged.put(Integer.parseInt(parts[1]), parts[2]);
                } else if (line.equals("ENQUEUED")) {
                    enqueued.countDown();
                } else if (line.startsWith("IDLE")) {
                    idle.countDown();
                }
            }
        } catch (IOException e) {
            // The process was killed.
        }
    }

    boolean awaitEnqueued(Duration timeout) throws InterruptedException {
        return enqueued.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return idle.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no close, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
