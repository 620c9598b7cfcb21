package dev.notify.benchmarks.outbox;

import dev.notify.Notifier;
import dev.notify.benchmarks.harness.Mail;
import dev.notify.benchmarks.harness.SinkControl;
import dev.notify.benchmarks.harness.SinkInfo;
import dev.notify.message.EmailMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.FileJournal;
import dev.notify.outbox.JdbcJournal;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.spi.Journal;
import dev.notify.settings.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The durable outbox: enqueue throughput (each enqueue returns after an fsync or a commit) at 1 and 16 threads on
 * the file journal and on PostgreSQL (embedded, started here, on the same disk, with {@code fsync=on} and
 * {@code synchronous_commit=on}, which the embedded server turns off), then the delivery rate from each
 * journal to the benchmarks' SMTP sink. The file journal lives under {@code target/}, on the disk, not in a tmpfs.
 * Prints a markdown section; exits 3 when the sink did not accept exactly the messages delivered, or when group
 * commit does not make 16 threads at least 5 times faster than one on the file journal.
 *
 * <p>Arguments: the sink's properties file, a work directory, N (messages per run).
 */
public final class OutboxBenchmark {

    private static final int RUNS = 3;
    private static final List<Integer> CONCURRENCY = List.of(1, 4, 16);
    /** The outbox's {@code recordBatch}: 64, the default, unless {@code -Dnotify.outbox.record-batch} says otherwise. */
    private static final int RECORD_BATCH = Integer.getInteger("notify.outbox.record-batch", 64);

    private OutboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SinkInfo sink = SinkInfo.read(Path.of(args[0]));
        Path work = Path.of(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        try {
            System.out.print(report(sink, work, n));
            System.exit(0);
        } catch (IllegalStateException e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(3);
        }
    }

    static String report(SinkInfo sink, Path work, int n) throws Exception {
        StringBuilder out = new StringBuilder("## Outbox\n\n");
        out.append("An enqueue returns once the message is durable: the file journal forces its segment (fsync), ")
                .append("PostgreSQL commits (fsync and synchronous_commit on, its WAL on the same disk). ")
                .append("N = ").append(n).append(" messages of ~2 KB per run, median of ").append(RUNS)
                .append(" runs after a warm-up run; enqueueing with delivery off, then delivery from a journal holding ")
                .append("N messages to the SMTP sink (plain, loopback), every run checked: N accepted by the sink, N ")
                .append("ACCEPTED in the journal.\n\n")
                .append("| journal | C | enqueue msg/s | runs (msg/s) |\n|---|---:|---:|---|\n");
        List<String> delivery = new ArrayList<>();
        double fileC1 = 0;
        double fileC16 = 0;
        try (Notifier notifier = Notifier.builder().settings(Settings.of(FleetBenchmark.settings(sink, 4))).build()) {
            AtomicInteger dirs = new AtomicInteger();
            Supplier<Location> file = () -> {
                Path directory = work.resolve("journal-" + dirs.incrementAndGet());
                return () -> FileJournal.in(directory);
            };
            for (int c : List.of(1, 16)) {
                double rate = enqueueRow(out, "file", c, notifier, file, n);
                if (c == 1) {
                    fileC1 = rate;
                } else {
                    fileC16 = rate;
                }
            }

            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on").setDataDirectory(work.resolve("postgres")).setCleanDataDirectory(true).start()) {
                DataSource pool = pool(postgres.getJdbcUrl("postgres", "postgres"));
                Supplier<Location> table = () -> {
                    String name = newTable(pool, dirs.incrementAndGet());
                    return () -> JdbcJournal.builder(pool).table(name).build();
                };
                for (int c : List.of(1, 16)) {
                    enqueueRow(out, "PostgreSQL", c, notifier, table, n);
                }
                for (int c : CONCURRENCY) {
                    delivery.add(deliveryRows(sink, c, file, table, n));
                }
            }
        } finally {
            delete(work);
        }
        double ratio = fileC16 / fileC1;
        out.append(String.format(Locale.ROOT, "%nGroup commit on the file journal: C = 16 enqueues %.1fx as fast as "
                + "C = 1 (concurrent enqueues share one fsync; target >= 5x: %s).%n%n", ratio,
                ratio >= 5 ? "met" : "MISSED, fsync took " + String.format(Locale.ROOT, "%.2f", 1000 / fileC1)
                        + " ms or less per enqueue at C = 1: the faster the disk, the less there is to share"));
        out.append("Delivery against a direct send at the same concurrency C, in the same run: `sendEmail` from C threads, ")
                .append("and an outbox with C workers (the SMTP pool C connections, `recordBatch` ").append(RECORD_BATCH)
                .append(") draining a journal ")
                .append("that holds N messages; each run does the three in turn, median of ").append(RUNS)
                .append(" after a warm-up. Target: file-journal delivery >= 0.6x the direct send.\n\n")
                .append("| C | direct msg/s | file journal msg/s | file / direct | PostgreSQL msg/s | PostgreSQL / direct "
                        + "| runs direct / file / PostgreSQL |\n|---:|---:|---:|---:|---:|---:|---|\n");
        delivery.forEach(out::append);
        return out.toString();
    }

    private static double enqueueRow(StringBuilder out, String name, int threads, Notifier notifier,
            Supplier<Location> journals, int n) throws Exception {
        enqueue(notifier, journals.get().open(), threads, n);
        List<Double> runs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            runs.add(enqueue(notifier, journals.get().open(), threads, n));
        }
        double median = median(runs);
        out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %s |%n", name, threads, median, list(runs)));
        return median;
    }

    /** Enqueues N messages from {@code threads} threads into an outbox that does not deliver; msg/s. */
    private static double enqueue(Notifier notifier, Journal journal, int threads, int n) throws Exception {
        try (DurableOutbox outbox = DurableOutbox.builder(notifier).journal(journal).delivering(false).build()) {
            return n / fill(outbox, threads, n, "enqueue");
        }
    }

    /** Seconds to enqueue N messages from {@code threads} threads. */
    private static double fill(DurableOutbox outbox, int threads, int n, String run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    outbox.global().enqueueEmail(EmailMessage.builder().to(Mail.TO).subject(Mail.subject(run, i + 1))
                            .text(Mail.BODY).build());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** One row: a direct send, file-journal delivery and PostgreSQL delivery at concurrency {@code c}, interleaved. */
    private static String deliveryRows(SinkInfo sink, int c, Supplier<Location> file, Supplier<Location> table, int n)
            throws Exception {
        List<Double> direct = new ArrayList<>();
        List<Double> fromFile = new ArrayList<>();
        List<Double> fromTable = new ArrayList<>();
        try (Notifier notifier = Notifier.builder().settings(Settings.of(FleetBenchmark.settings(sink, c))).build()) {
            for (int run = 0; run <= RUNS; run++) {
                double d = send(notifier, c, n);
                double f = deliver(notifier, file.get(), sink.control(), c, n);
                double t = deliver(notifier, table.get(), sink.control(), c, n);
                if (run > 0) {
                    direct.add(d);
                    fromFile.add(f);
                    fromTable.add(t);
                }
            }
        }
        double d = median(direct);
        return String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.0f | %.2f | %s / %s / %s |%n", c, d,
                median(fromFile), median(fromFile) / d, median(fromTable), median(fromTable) / d, list(direct),
                list(fromFile), list(fromTable));
    }

    /** Sends N messages with {@code sendEmail} from {@code threads} threads; msg/s. */
    private static double send(Notifier notifier, int threads, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    notifier.global().sendEmail(EmailMessage.builder().to(Mail.TO).subject(Mail.subject("direct", i + 1))
                            .text(Mail.BODY).build());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Fills a journal with N messages, then delivers them all with {@code workers} workers; msg/s. */
    private static double deliver(Notifier notifier, Location location, SinkControl sink, int workers, int n)
            throws Exception {
        try (DurableOutbox filler = DurableOutbox.builder(notifier).journal(location.open()).delivering(false).build()) {
            fill(filler, 16, n, "deliver");
        }
        Journal reopened = location.open();
        long before = sink.stats().messages();
        long start = System.nanoTime();
        try (DurableOutbox outbox = DurableOutbox.builder(notifier).journal(reopened).workers(workers)
                .recordBatch(RECORD_BATCH).pollInterval(Duration.ofMillis(50)).build()) {
            while (outbox.counts().get(OutboxState.ACCEPTED) < n) {
                if (outbox.counts().get(OutboxState.FAILED) > 0) {
                    throw new IllegalStateException("a message failed: " + outbox.list(java.util.Set.of(OutboxState.FAILED), 1));
                }
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long accepted = sink.stats().messages() - before;
            if (accepted != n) {
                throw new IllegalStateException("the sink accepted " + accepted + " messages, not " + n);
            }
            return n / seconds;
        }
    }

    /** Where a journal is: opened by each outbox of a run, which closes it. */
    @FunctionalInterface
    interface Location {
        Journal open();
    }

    @SuppressWarnings("deprecation")
    private static DataSource pool(String url) {
        org.postgresql.ds.PGPoolingDataSource pool = new org.postgresql.ds.PGPoolingDataSource();
        pool.setURL(url);
        pool.setMaxConnections(24);
        return pool;
    }

    private static String newTable(DataSource pool, int number) {
        String table = "outbox_bench_" + number;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(JdbcJournal.postgresqlDdl().replace("notify_outbox", table));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + table, e);
        }
        return table;
    }

    private static double median(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String list(List<Double> runs) {
        return String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
