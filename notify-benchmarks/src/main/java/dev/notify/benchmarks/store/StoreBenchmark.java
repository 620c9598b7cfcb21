package dev.notify.benchmarks.store;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.ServerNotifier;
import dev.notify.benchmarks.harness.Mail;
import dev.notify.benchmarks.harness.SinkControl;
import dev.notify.benchmarks.harness.SinkInfo;
import dev.notify.message.EmailMessage;
import dev.notify.settings.SettingsSource;
import dev.notify.store.ChangeSet;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreListener;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The settings store on the send path: N messages sent one at a time through a {@link Notifier} to the benchmarks'
 * SMTP sink, with the settings from a fixed {@link SettingsSource}, from a file store and from a PostgreSQL store
 * (embedded, started here) holding the same keys, in interleaved runs of the same JVM; then {@code current()} alone
 * under JMH ({@link StoreCurrentBenchmark}) and the delay for a change saved through one PostgreSQL store to reach
 * another store in this JVM. Prints a markdown section; exits 3 when the sink did not accept exactly N per run.
 *
 * <p>Arguments: the sink's properties file, a work directory (deleted at the end), N (messages per run), and whether
 * to run JMH, whose output goes to {@code store-jmh.log} beside the work directory.
 */
public final class StoreBenchmark {

    static final String FIXED = "fixed Settings";
    static final String FILE = "file store";
    static final String POSTGRESQL = "PostgreSQL store";
    private static final int RUNS = 5;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int CHANGES = 50;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SinkInfo sink = SinkInfo.read(Path.of(args[0]));
        Path work = Path.of(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 10000;
        boolean jmh = args.length <= 3 || Boolean.parseBoolean(args[3]);
        try {
            System.out.print(report(sink, work, n, RUNS, jmh));
            System.exit(0);
        } catch (IllegalStateException e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(3);
        }
    }

    static String report(SinkInfo sink, Path work, int n, int runs, boolean jmh) throws Exception {
        Map<String, List<Double>> rates;
        List<Long> propagation;
        Map<String, String> keys = StoreSources.keys(sink.host(), sink.port(), 1);
        try (EmbeddedPostgres postgres = StoreSources.postgres(work.resolve("postgres"));
                SettingsStore file = StoreSources.file(work.resolve("notify.properties"), keys)) {
            DataSource database = StoreSources.dataSource(postgres);
            try (SettingsStore jdbc = StoreSources.jdbc(database, keys)) {
                Map<String, SettingsSource> sources = new LinkedHashMap<>();
                sources.put(FIXED, StoreSources.fixed(keys));
                sources.put(FILE, file);
                sources.put(POSTGRESQL, jdbc);
                rates = sendRates(sources, sink.control(), n, runs);
                propagation = propagation(jdbc, database);
            }
        } finally {
            delete(work);
        }
        Map<String, Double> current = jmh ? currentNanos(work.resolveSibling("store-jmh.log")) : Map.of();
        return render(rates, current, propagation, n, runs);
    }

    /** msg/s per source and run: {@link #WARM_UP_ROUNDS} warm-up rounds, then {@code runs} rounds, each in a rotated order. */
    private static Map<String, List<Double>> sendRates(Map<String, SettingsSource> sources, SinkControl sink, int n,
            int runs) throws Exception {
        Map<String, Notifier> notifiers = new LinkedHashMap<>();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        try {
            sources.forEach((name, source) -> {
                notifiers.put(name, Notifier.builder().settings(source).build());
                rates.put(name, new ArrayList<>());
            });
            List<String> names = new ArrayList<>(sources.keySet());
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                for (String name : names) {
                    send(notifiers.get(name), sink, n, "warm-up-" + round);
                }
            }
            for (int run = 0; run < runs; run++) {
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((run + i) % names.size());
                    rates.get(name).add(send(notifiers.get(name), sink, n, "store-" + run));
                }
            }
        } finally {
            notifiers.values().forEach(Notifier::close);
        }
        return rates;
    }

    /** Sends N messages one at a time; msg/s, after checking that the sink accepted exactly N. */
    private static double send(Notifier notifier, SinkControl sink, int n, String run) throws Exception {
        ServerNotifier server = notifier.server(StoreSources.SERVER);
        long before = sink.stats().messages();
        long start = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            SendResult result = server.sendEmail(EmailMessage.builder().to(Mail.TO).subject(Mail.subject(run, i))
                    .text(Mail.BODY).build());
            if (result.status() != SendStatus.ACCEPTED) {
                throw new IllegalStateException("not accepted: " + result);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long accepted = sink.stats().messages() - before;
        if (accepted != n) {
            throw new IllegalStateException("the sink accepted " + accepted + " messages, not " + n);
        }
        return n / seconds;
    }

    /**
     * Nanoseconds from the start of {@code apply} on one store to a second store on the same database (its own
     * LISTEN connection) making the new version current, for {@link #CHANGES} changes of the sender.
     */
    private static List<Long> propagation(SettingsStore editor, DataSource database) throws Exception {
        BlockingQueue<Long> arrived = new ArrayBlockingQueue<>(CHANGES * 2);
        List<Long> delays = new ArrayList<>();
        try (SettingsStore watcher = StoreSources.jdbc(database, Map.of())) {
            watcher.addListener(new StoreListener() {
                @Override
                public void settingsChanged(long version) {
                    arrived.add(System.nanoTime());
                }
            });
            for (int i = 0; i < CHANGES; i++) {
                long version = editor.snapshot().version();
                long start = System.nanoTime();
                editor.apply(ChangeSet.builder(version, StoreSources.AUTHOR)
                        .set("email.sender", "Sender " + i + " <" + Mail.FROM + ">").build());
                Long at = arrived.poll(10, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("change " + (i + 1) + " did not reach the second store in 10 s");
                }
                delays.add(at - start);
            }
        }
        return delays;
    }

    /** ns/op of {@code current()} per source, from {@link StoreCurrentBenchmark}, with JMH's output in {@code log}. */
    private static Map<String, Double> currentNanos(Path log) throws Exception {
        Map<String, Double> nanos = new LinkedHashMap<>();
        for (RunResult result : new Runner(new OptionsBuilder().include(StoreCurrentBenchmark.class.getName())
                .jvmArgsAppend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn").output(log.toString()).build()).run()) {
            String source = result.getParams().getParam("source");
            nanos.put(switch (source) {
                case "fixed" -> FIXED;
                case "file" -> FILE;
                default -> POSTGRESQL;
            }, result.getPrimaryResult().getScore());
        }
        return nanos;
    }

    static String render(Map<String, List<Double>> rates, Map<String, Double> current, List<Long> propagation,
            int n, int runs) {
        StringBuilder out = new StringBuilder("## Settings store\n\n");
        out.append("One notifier per settings source, each sending N = ").append(n).append(" messages one at a time ")
                .append("(sync, C = 1, plain, loopback) to the SMTP sink; the same keys from a fixed `Settings`, a ")
                .append("`FileSettingsStore` and a `JdbcSettingsStore` (embedded PostgreSQL started by the benchmark), ")
                .append("both stores with the default check interval (1 s); in the same JVM, ").append(WARM_UP_ROUNDS)
                .append(" warm-up rounds, then ")
                .append(runs).append(" rounds in a rotated order, every run checked: N accepted by the sink. ")
                .append("Run-to-run noise is the spread (max - min) / median of the fixed source's runs.\n\n")
                .append("| settings from | msg/s (median) | runs (msg/s) | vs fixed | `current()` ns/op |\n")
                .append("|---|---:|---|---:|---:|\n");
        List<Double> fixedRuns = rates.get(FIXED);
        double fixed = median(fixedRuns);
        double noise = (fixedRuns.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                - fixedRuns.stream().mapToDouble(Double::doubleValue).min().orElse(0)) / fixed;
        List<String> outside = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        rates.forEach((name, runsOf) -> {
            double ratio = median(runsOf) / fixed;
            Double nanos = current.get(name);
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.3f | %s |%n", name, median(runsOf),
                    list(runsOf), ratio, nanos == null ? "-" : String.format(Locale.ROOT, "%.1f", nanos)));
            if (!name.equals(FIXED)) {
                ratios.add(String.format(Locale.ROOT, "%s %.3f", name, ratio));
                if (Math.abs(ratio - 1) > noise) {
                    outside.add(name);
                }
            }
        });
        out.append(String.format(Locale.ROOT, "%nStore vs fixed: within noise (target: |ratio - 1| <= noise %.3f; "
                + "ratios %s): %s.%n", noise, String.join(", ", ratios), outside.isEmpty() ? "met"
                        : "MISSED for " + String.join(" and ", outside)));
        if (!current.isEmpty()) {
            double send = 1e9 / fixed;
            out.append(String.format(Locale.ROOT, "`current()` (JMH, 1 fork, 3 x 1 s warm-up, 5 x 1 s, average) "
                    + "against a send of %.0f ns: file store %.3f%%, PostgreSQL store %.3f%% of a send.%n",
                    send, 100 * current.getOrDefault(FILE, Double.NaN) / send,
                    100 * current.getOrDefault(POSTGRESQL, Double.NaN) / send));
        }
        List<Long> sorted = propagation.stream().sorted().toList();
        out.append(String.format(Locale.ROOT, "%nPropagation in this JVM: a change saved through one PostgreSQL "
                + "store reached a second store on the same database (its own LISTEN connection) in p50 %.1f ms, "
                + "max %.1f ms over %d changes (from the start of `apply` to the second store's listener). Across "
                + "JVMs, see the README's \"Settings in PostgreSQL, for a fleet\" (`FleetTest`). A file store sees "
                + "a change made by another process at its next check, within the check interval.%n",
                sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() - 1) / 1e6, sorted.size()));
        return out.toString();
    }

    private static double median(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String list(List<Double> runs) {
        return String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
    }

    static void delete(Path directory) throws IOException {
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
