package dev.notify.benchmarks.harness;

import dev.notify.benchmarks.contenders.Contenders;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator run.sh starts: runs each contender in its own JVM with only its own jars against the running
 * sink, launches each once more per cold start, runs the JMH benchmarks, and writes the markdown table.
 *
 * <p>Exit codes: 0 done, 3 a run lost or duplicated messages, 1 any other failure.
 */
public final class BenchmarkRun {

    private final Args args;
    private final SinkInfo sink;
    private final Path logs;
    private final List<String> failures = new ArrayList<>();
    private boolean mismatch;

    private BenchmarkRun(Args args) throws IOException {
        this.args = args;
        this.sink = SinkInfo.read(Path.of(args.get("sink")));
        this.logs = Path.of(args.get("logs"));
        Files.createDirectories(logs);
    }

    public static void main(String[] argv) throws Exception {
        BenchmarkRun run = new BenchmarkRun(new Args(argv));
        System.exit(run.run());
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<String> only = Arrays.stream(args.get("only", "").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        for (String id : only) {
            Contenders.classpath(id);
        }
        List<String> ids = Contenders.IDS.stream().filter(id -> only.isEmpty() || only.contains(id)).toList();
        List<RunResult> results = new ArrayList<>();
        for (String id : ids) {
            results.addAll(throughput(id));
        }
        List<ColdResult> cold = new ArrayList<>();
        int coldRuns = args.integer("cold-runs", 3);
        if (coldRuns > 0) {
            for (String id : ids) {
                cold.add(cold(id, coldRuns));
            }
        }
        List<JmhResult> jmh = args.flag("jmh") ? jmh() : List.of();
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ResultsTable table = new ResultsTable(results, cold, jmh, failures, sink.chunking(), args.integer("n", 2000),
                args.integer("n-tls", 2000), args.integer("n-2ms", 200), loadBefore, loadAfter,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        String markdown = table.render();
        System.out.println(markdown);
        String resultsFile = args.get("results", "");
        if (!resultsFile.isEmpty()) {
            Files.writeString(Path.of(resultsFile), markdown, StandardCharsets.UTF_8);
        }
        return mismatch ? 3 : failures.isEmpty() ? 0 : 1;
    }

    private List<RunResult> throughput(String id) throws IOException, InterruptedException {
        log("throughput: " + id);
        List<String> command = java(id, true);
        command.addAll(List.of(ContenderMain.class.getName(), "--sink", args.get("sink"), "--contender", id,
                "--modes", args.get("modes"), "--threads", args.get("threads"), "--n", args.get("n", "2000"),
                "--n-2ms", args.get("n-2ms", "200"), "--n-tls", args.get("n-tls", "2000"),
                "--n-per-connection", args.get("n-per-connection", "400"), "--runs", args.get("runs", "3")));
        List<RunResult> results = new ArrayList<>();
        Process p = new ProcessBuilder(command).redirectError(logs.resolve(id + ".log").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT\t")) {
                    RunResult r = RunResult.parse(line);
                    log(String.format("  %-15s %-14s C=%d %9.0f msg/s %8.1f us/msg", r.contender(), r.mode().id(),
                            r.threads(), r.messagesPerSecond(), r.cpuMicrosPerMessage()));
                    results.add(r);
                } else if (line.startsWith("MISMATCH\t") || line.startsWith("FAILED\t")) {
                    failures.add(id + ": " + line.substring(line.indexOf('\t') + 1));
                    log("  " + line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit == 3) {
            mismatch = true;
        } else if (exit != 0 && failures.stream().noneMatch(f -> f.startsWith(id + ":"))) {
            failures.add(id + ": exited with " + exit + " (see " + logs.resolve(id + ".log") + ")");
        }
        return results;
    }

    private ColdResult cold(String id, int runs) throws IOException, InterruptedException {
        SinkControl control = sink.control();
        control.delay(java.time.Duration.ZERO);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<String> command = java(id, false);
            command.addAll(List.of(ContenderMain.class.getName(), "--sink", args.get("sink"), "--contender", id,
                    "--cold"));
            SinkStats before = control.stats();
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(id + "-cold.log").toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve(id + "-cold.log").toFile()));
            long launched = System.currentTimeMillis();
            int exit = builder.start().waitFor();
            SinkStats delta = control.stats().since(before);
            if (exit != 0 || delta.messages() != 1) {
                failures.add(id + ": cold start exited with " + exit + ", the sink accepted " + delta.messages()
                        + " messages instead of 1");
                if (delta.messages() != 1) {
                    mismatch = true;
                }
                return new ColdResult(id, -1, classpathMb(id), jars(id).size());
            }
            times.add(delta.lastAcceptMillis() - launched);
        }
        times.sort(null);
        long median = times.get(times.size() / 2);
        log(String.format("cold: %-15s %5d ms, class path %.1f MB", id, median, classpathMb(id)));
        return new ColdResult(id, median, classpathMb(id), jars(id).size());
    }

    private List<JmhResult> jmh() throws IOException, InterruptedException {
        log("jmh");
        Path csv = logs.resolve("jmh.csv");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp",
                args.get("harness") + File.pathSeparator + read(Path.of(args.get("full-classpath"))),
                "org.openjdk.jmh.Main", "-rf", "csv", "-rff", csv.toString(), "dev.notify.benchmarks.jmh"));
        int exit = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("jmh.log").toFile()).start().waitFor();
        if (exit != 0 || !Files.exists(csv)) {
            failures.add("jmh: exited with " + exit + " (see " + logs.resolve("jmh.log") + ")");
            return List.of();
        }
        List<JmhResult> results = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",");
            String name = unquote(f[0]);
            results.add(new JmhResult(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    Double.parseDouble(unquote(f[4])), Double.parseDouble(unquote(f[5])), unquote(f[6])));
        }
        return results;
    }

    private static String unquote(String s) {
        return s.startsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** The command line of a contender's JVM; with {@code profiled}, recording to {@code --jfr}'s directory if given. */
    private List<String> java(String id, boolean profiled) throws IOException {
        List<String> cp = new ArrayList<>();
        cp.add(args.get("harness"));
        cp.addAll(jars(id));
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        String jfr = args.get("jfr", "");
        if (profiled && !jfr.isEmpty()) {
            Files.createDirectories(Path.of(jfr));
            command.add("-XX:StartFlightRecording=settings=" + args.get("jfr-settings", "profile") + ",filename="
                    + Path.of(jfr).resolve(id + ".jfr"));
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, cp)));
        return command;
    }

    private List<String> jars(String id) throws IOException {
        String name = Contenders.classpath(id);
        if (name.isEmpty()) {
            return List.of();
        }
        String text = read(Path.of(args.get("classpaths")).resolve(name + ".classpath"));
        return Arrays.stream(text.split(File.pathSeparator)).filter(s -> !s.isEmpty()).toList();
    }

    private double classpathMb(String id) throws IOException {
        long bytes = 0;
        for (String jar : jars(id)) {
            bytes += Files.size(Path.of(jar));
        }
        return bytes / 1e6;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void log(String line) {
        System.err.println(line);
    }
}
