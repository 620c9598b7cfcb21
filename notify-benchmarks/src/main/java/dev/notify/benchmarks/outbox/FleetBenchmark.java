package dev.notify.benchmarks.outbox;

import dev.notify.Notifier;
import dev.notify.benchmarks.harness.Mail;
import dev.notify.benchmarks.harness.SinkControl;
import dev.notify.benchmarks.harness.SinkInfo;
import dev.notify.message.EmailMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.JdbcJournal;
import dev.notify.outbox.spi.Journal;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The outbox on PostgreSQL at fleet scale: in one run, a direct send (the notifier on C threads, no journal) and
 * delivery from one PostgreSQL journal by 1, 2 and 4 JVMs ({@link FleetDeliverer}) of C workers each, C = 1, 4, 16,
 * to the benchmarks' SMTP sink; then {@link BloatBenchmark}. Each delivery run fills a new journal with N messages
 * while the global server is paused, starts the JVMs, and times from the resume until the last message is recorded
 * (JVM start-up not included; the JVMs are cold). Every run is checked: N accepted by the sink, N finished in the
 * journal. Prints a markdown section; exits 3 when a check fails.
 *
 * <p>Arguments: the sink's properties file, a work directory, N, the bloat test's hold in seconds, and the number of
 * messages that flow per phase of the bloat test.
 */
public final class FleetBenchmark {

    private static final List<Integer> CONCURRENCY = List.of(1, 4, 16);
    private static final List<Integer> JVMS = List.of(1, 2, 4);
    private static final double TODAY = 879;

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SinkInfo sink = SinkInfo.read(Path.of(args[0]));
        Path work = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        Duration hold = Duration.ofSeconds(Long.parseLong(args[3]));
        try (FleetDatabase db = new FleetDatabase(work.resolve("postgres"))) {
            StringBuilder out = new StringBuilder();
            out.append(delivery(sink, args[0], db, n));
            out.append(BloatBenchmark.report(sink, db, hold, Duration.ofSeconds(10), Duration.ofSeconds(1)));
            System.out.print(out);
            System.exit(0);
        } catch (IllegalStateException e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(3);
        }
    }

    static Layer settings(SinkInfo sink, int connections) {
        return Layer.builder()
                .set("email.enabled", "true")
                .set("email.delivery-method", "smtp")
                .set("email.sender", Mail.FROM)
                .set("email.smtp.host", sink.host())
                .set("email.smtp.port", Integer.toString(sink.port()))
                .set("email.smtp.tls", "none")
                .set("email.smtp.pool.max-connections", Integer.toString(connections))
                .build();
    }

    static String delivery(SinkInfo sink, String sinkFile, FleetDatabase db, int n) throws Exception {
        StringBuilder out = new StringBuilder("## Outbox on PostgreSQL: a fleet\n\n");
        out.append("Delivery from one PostgreSQL journal (embedded, fsync and synchronous_commit on, on the same disk) "
                + "by J JVMs of C workers each, against a direct send by the notifier on C threads, in the same run, "
                + "to the SMTP sink (plain, loopback). N = ").append(n).append(" messages of ~2 KB per run; each "
                + "delivery run fills a new journal while delivery is paused (the journal's per-server pause), starts "
                + "the JVMs, and is timed from the resume until the last outcome is recorded; cold JVMs, start-up not "
                + "included. Every run checked: N accepted by the sink, N finished in the journal. The machine has ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, shared with the sink, PostgreSQL "
                + "and the JVMs.\n\n");
        out.append("| C | direct send msg/s | PostgreSQL, 1 JVM | 2 JVMs | 4 JVMs | 1 JVM vs direct | 1 JVM vs 0.1 (879) |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        double best = 0;
        for (int c : CONCURRENCY) {
            double direct = direct(sink, c, n);
            List<Double> fleet = new ArrayList<>();
            for (int jvms : JVMS) {
                fleet.add(fleet(sink, sinkFile, db, jvms, c, n));
            }
            best = Math.max(best, fleet.get(0));
            out.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.0f | %.2f | %.1fx |%n", c, direct,
                    fleet.get(0), fleet.get(1), fleet.get(2), fleet.get(0) / direct, fleet.get(0) / TODAY));
        }
        out.append(String.format(Locale.ROOT, "%nPostgreSQL delivery, best of one JVM: %.1fx the first release's %.0f "
                + "msg/s (target >= 3x: %s).%n%n", best / TODAY, TODAY, best / TODAY >= 3 ? "met" : "MISSED"));
        return out.toString();
    }

    /** The notifier sending N messages from {@code threads} threads, one call per message; msg/s after a warm-up. */
    private static double direct(SinkInfo sink, int threads, int n) throws Exception {
        try (Notifier notifier = Notifier.builder().settings(Settings.of(settings(sink, threads))).build()) {
            run(threads, Math.min(n, 2000), i -> notifier.global().sendEmail(message("warm-up", i)));
            long before = sink.control().stats().messages();
            double seconds = run(threads, n, i -> notifier.global().sendEmail(message("direct", i)));
            check(sink.control(), before, n);
            return n / seconds;
        }
    }

    private static double fleet(SinkInfo sink, String sinkFile, FleetDatabase db, int jvms, int workers, int n)
            throws Exception {
        String table = db.newTable("fleet");
        try (Notifier notifier = Notifier.builder().settings(Settings.of(settings(sink, 1))).build();
                DurableOutbox filler = DurableOutbox.builder(notifier).delivering(false)
                        .journal(JdbcJournal.builder(db.pool()).table(table).build()).build()) {
            run(16, n, i -> filler.global().enqueueEmail(message("fleet", i)));
        }
        Journal control = JdbcJournal.builder(db.pool()).table(table).build();
        control.pause(Journal.GLOBAL);
        List<Process> processes = new ArrayList<>();
        try {
            for (int j = 0; j < jvms; j++) {
                processes.add(start(sinkFile, db.url(), table, workers));
            }
            for (Process p : processes) {
                awaitReady(p);
            }
            long before = sink.control().stats().messages();
            long start = System.nanoTime();
            control.resume(Journal.GLOBAL);
            String finished = "SELECT count(*) FROM " + table + "_done";
            while (db.number(finished) < n) {
                LockSupport.parkNanos(5_000_000);
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
                    throw new IllegalStateException(jvms + " JVMs x " + workers + " workers: not finished in 10 min");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            check(sink.control(), before, n);
            long failed = db.number("SELECT count(*) FROM " + table + "_done WHERE state <> 'ACCEPTED'");
            if (failed > 0) {
                throw new IllegalStateException(failed + " messages not accepted");
            }
            return n / seconds;
        } finally {
            for (Process p : processes) {
                p.getOutputStream().close();
            }
            for (Process p : processes) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            control.close();
        }
    }

    private static Process start(String sinkFile, String url, String table, int workers) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                FleetDeliverer.class.getName(), sinkFile, url, table, Integer.toString(workers));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitReady(Process p) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("READY")) {
                    return;
                }
            }
            throw new IllegalStateException("a delivering JVM ended before it was ready");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(SinkControl sink, long before, int n) {
        long accepted = sink.stats().messages() - before;
        if (accepted != n) {
            throw new IllegalStateException("the sink accepted " + accepted + " messages, not " + n);
        }
    }

    static EmailMessage message(String run, int i) {
        return EmailMessage.builder().to(Mail.TO).subject(Mail.subject(run, i + 1)).text(Mail.BODY).build();
    }

    @FunctionalInterface
    interface Step {
        void run(int i) throws Exception;
    }

    /** Runs {@code step} for 0 to n - 1 on {@code threads} threads; seconds. */
    static double run(int threads, int n, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    step.run(i);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
