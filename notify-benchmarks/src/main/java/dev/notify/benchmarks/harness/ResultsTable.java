package dev.notify.benchmarks.harness;

import dev.notify.benchmarks.contenders.Contenders;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The markdown report: environment, throughput per mode and thread count, cold start, JMH, and the targets. */
final class ResultsTable {

    /** Issue 15: notify over the best library with 2 ms per round trip, and over raw-pipelined there. */
    private static final double LATENCY_VS_LIBRARIES = 1.5;
    private static final double LATENCY_VS_RAW = 0.70;
    /** Issue 15: notify over the best library without added latency. */
    private static final double THROUGHPUT_VS_LIBRARIES = 1.0;
    /** Issue 9: notify over Simple Java Mail, which connects per message. */
    private static final double SJM_GOAL = 2.0;
    /** No target: the ratio is shown for information. */
    private static final double NONE = Double.NaN;

    private final List<RunResult> results;
    private final List<ColdResult> cold;
    private final List<JmhResult> jmh;
    private final List<String> failures;
    private final boolean sinkChunking;
    private final int n;
    private final int nTls;
    private final int n2ms;
    private final double loadBefore;
    private final double loadAfter;
    private final long seconds;

    ResultsTable(List<RunResult> results, List<ColdResult> cold, List<JmhResult> jmh, List<String> failures,
            boolean sinkChunking, int n, int nTls, int n2ms, double loadBefore, double loadAfter, long seconds) {
        this.results = results;
        this.cold = cold;
        this.jmh = jmh;
        this.failures = failures;
        this.sinkChunking = sinkChunking;
        this.n = n;
        this.nTls = nTls;
        this.n2ms = n2ms;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.seconds = seconds;
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append("# notify benchmark results\n\n");
        b.append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        b.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vendor"))
                .append("), default flags, one JVM per contender with only its own jars\n");
        b.append("- OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores; load average ")
                .append(fmt(loadBefore, 2)).append(" before, ").append(fmt(loadAfter, 2))
                .append(" after (the machine may be shared: ratios within this run hold, absolute numbers less so)\n");
        b.append("- Sink: a separate JVM on loopback, thread per connection; client CPU is the whole client process's"
                + " CPU (all threads, JIT and GC); the sink's CPU is not counted; round trips = the sink's flushes of"
                + " replies (pipelined replies share one)\n");
        b.append("- Sink extensions: PIPELINING, ").append(sinkChunking ? "CHUNKING (BDAT), " : "")
                .append("SIZE, 8BITMIME, STARTTLS, AUTH PLAIN/LOGIN after STARTTLS")
                .append(sinkChunking ? "" : "; CHUNKING not offered (run with CHUNKING=false): every client sends DATA")
                .append('\n');
        b.append("- N = ").append(n).append(" messages of ~2 KB per run in plain; N = ").append(nTls)
                .append(" in starttls-auth and ").append(n2ms).append(" in plain-2ms; the contenders with a connection (and a TLS"
                        + " handshake) per message run a smaller N, so that they finish in time (the N column says);"
                        + " one recipient, distinct subjects; warm-up run of N (so the JIT has settled),"
                        + " then the median of 3 runs; every run checked: the sink accepted exactly N, each once\n");
        b.append("- plain-2ms: the sink waits 2 ms before each flush of replies, i.e. once per round trip (pipelined"
                + " replies share one wait); TLS handshake round trips are not delayed\n");
        b.append("- Whole run: ").append(seconds).append(" s\n\n");
        if (!failures.isEmpty()) {
            b.append("## FAILURES\n\n");
            failures.forEach(f -> b.append("- ").append(f).append('\n'));
            b.append('\n');
        }
        throughput(b);
        targets(b);
        coldStart(b);
        microBenchmarks(b);
        dkimSigning(b);
        return b.toString();
    }

    private void throughput(StringBuilder b) {
        b.append("## SMTP throughput\n\n");
        b.append("| mode | C | N | contender | msg/s | notify-sync / this | client CPU µs/msg | connections/run"
                + " | commands/msg | round trips/msg | runs (msg/s) |\n");
        b.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Mode mode : Mode.values()) {
            for (int c : threadCounts()) {
                Optional<RunResult> notify = find("notify-sync", mode, c);
                for (String id : Contenders.IDS) {
                    find(id, mode, c).ifPresent(r -> b.append("| ").append(mode.id()).append(" | ").append(c)
                            .append(" | ").append(r.messages()).append(" | ").append(bold(id)).append(" | ").append(fmt(r.messagesPerSecond(), 0))
                            .append(" | ").append(notify.map(x -> fmt(x.messagesPerSecond() / r.messagesPerSecond(), 2)
                                    + "x").orElse("-"))
                            .append(" | ").append(fmt(r.cpuMicrosPerMessage(), 0))
                            .append(" | ").append(r.connections())
                            .append(" | ").append(fmt(r.commandsPerMessage(), 2))
                            .append(" | ").append(fmt(r.roundTripsPerMessage(), 2))
                            .append(" | ").append(String.join(", ", r.runs().stream().map(x -> fmt(x, 0)).toList()))
                            .append(" |\n"));
                }
            }
        }
        b.append('\n');
    }

    private void targets(StringBuilder b) {
        b.append("## Targets (issue 15), ratios within this run\n\n");
        b.append("\"notify\" is the faster of notify-sync and notify-async; \"libraries\" are every contender but"
                + " notify and raw-pipelined. At C = 1 and 4: with 2 ms per round trip, notify >= ")
                .append(fmt(LATENCY_VS_LIBRARIES, 1)).append("x the best library and >= ")
                .append(fmt(LATENCY_VS_RAW, 2)).append("x raw-pipelined; in plain and starttls-auth, notify >= ")
                .append(fmt(THROUGHPUT_VS_LIBRARIES, 1)).append("x the best library. At every C: notify's client CPU"
                        + " per message no higher than jakarta-reused's. The last column keeps issue 9's target,"
                        + " notify >= ").append(fmt(SJM_GOAL, 1)).append("x sjm (a connection per message).\n\n");
        b.append("| mode | C | notify msg/s | best library msg/s | notify / best library | notify / raw-pipelined"
                + " | client CPU µs/msg: notify, jakarta-reused | notify / sjm |\n");
        b.append("|---|---:|---:|---|---|---|---|---|\n");
        Tally tally = new Tally();
        for (Mode mode : Mode.values()) {
            for (int c : threadCounts()) {
                Optional<RunResult> notify = best(mode, c, id -> id.startsWith("notify-"));
                if (notify.isEmpty()) {
                    continue;
                }
                RunResult n = notify.get();
                double rate = n.messagesPerSecond();
                boolean targeted = c == 1 || c == 4;
                boolean latency = mode == Mode.PLAIN_2MS;
                Optional<RunResult> library = best(mode, c, Contenders::isOtherLibrary);
                double libraryGoal = !targeted ? NONE : latency ? LATENCY_VS_LIBRARIES : THROUGHPUT_VS_LIBRARIES;
                b.append("| ").append(mode.id()).append(" | ").append(c).append(" | ").append(fmt(rate, 0))
                        .append(" (").append(n.contender()).append(") | ")
                        .append(library.map(l -> l.contender() + " " + fmt(l.messagesPerSecond(), 0)).orElse("-"))
                        .append(" | ").append(library.map(l -> tally.ratio(rate / l.messagesPerSecond(), libraryGoal))
                                .orElse("-"))
                        .append(" | ").append(find("raw-pipelined", mode, c).map(raw -> tally.ratio(
                                rate / raw.messagesPerSecond(), targeted && latency ? LATENCY_VS_RAW : NONE))
                                .orElse("-"))
                        .append(" | ").append(find("jakarta-reused", mode, c).map(j -> tally.noHigher(
                                n.cpuMicrosPerMessage(), j.cpuMicrosPerMessage())).orElse("-"))
                        .append(" | ").append(find("sjm", mode, c).map(sjm -> tally.ratio(
                                rate / sjm.messagesPerSecond(), latency ? NONE : SJM_GOAL)).orElse("-"))
                        .append(" |\n");
            }
        }
        if (tally.checked > 0) {
            b.append("\nTargets met: ").append(tally.met).append(" of ").append(tally.checked).append(".\n");
        }
        jmh.stream().filter(j -> j.benchmark().endsWith("resolveCached")).findFirst().ifPresent(j -> b
                .append("\nSettings resolution on the send path when nothing changed: ").append(fmt(j.score(), 1))
                .append(' ').append(j.unit()).append(" (target < 1 µs: ").append(j.score() < 1000 ? "met" : "MISSED")
                .append(")\n"));
        b.append('\n');
    }

    /** The targets a table checked, and how many were met. */
    private static final class Tally {
        private int checked;
        private int met;

        /** The ratio, and whether it reaches {@code goal} unless there is none (NaN). */
        String ratio(double ratio, double goal) {
            String r = fmt(ratio, 2) + "x";
            return Double.isNaN(goal) ? r : r + " (>= " + fmt(goal, 2) + "x: " + verdict(ratio >= goal) + ")";
        }

        /** notify's CPU per message and the reference's, and whether notify's is no higher. */
        String noHigher(double notify, double reference) {
            return fmt(notify, 0) + ", " + fmt(reference, 0) + " (" + fmt(notify / reference, 2) + "x, <= 1.00x: "
                    + verdict(notify <= reference) + ")";
        }

        private String verdict(boolean ok) {
            checked++;
            if (ok) {
                met++;
            }
            return ok ? "met" : "MISSED";
        }
    }

    private void coldStart(StringBuilder b) {
        if (cold.isEmpty()) {
            return;
        }
        b.append("## Cold start and size\n\n");
        b.append("Time from launching a fresh JVM (plain mode, one message) to the sink accepting that message, median"
                + " of 3 launches; class path = the contender's runtime jars (Maven's resolution of its own"
                + " dependencies), without the harness.\n\n");
        b.append("| contender | cold start ms | class path MB | jars |\n|---|---:|---:|---:|\n");
        for (ColdResult r : cold) {
            b.append("| ").append(bold(r.contender())).append(" | ").append(r.coldMillis() < 0 ? "failed" : r.coldMillis())
                    .append(" | ").append(fmt(r.classpathMb(), 1)).append(" | ").append(r.jars()).append(" |\n");
        }
        b.append('\n');
    }

    private void microBenchmarks(StringBuilder b) {
        if (jmh.isEmpty()) {
            return;
        }
        b.append("## JMH (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement, average time)\n\n");
        b.append("| benchmark | score | ± (99.9 %) | unit |\n|---|---:|---:|---|\n");
        jmh.stream().sorted(Comparator.comparing(JmhResult::benchmark)).forEach(j -> b.append("| ")
                .append(j.benchmark()).append(" | ").append(fmt(j.score(), 1)).append(" | ").append(fmt(j.error(), 1))
                .append(" | ").append(j.unit()).append(" |\n"));
        b.append('\n');
    }

    /** The DKIM signing cost per ~2 KB message, and what notify adds around the private-key operation. */
    private void dkimSigning(StringBuilder b) {
        Optional<JmhResult> rsa = dkim("rsa2048");
        Optional<JmhResult> ed = dkim("ed25519");
        Optional<JmhResult> rsaAround = dkim("rsa2048WithoutPrivateKeyOperation");
        Optional<JmhResult> edAround = dkim("ed25519WithoutPrivateKeyOperation");
        if (rsa.isEmpty() || ed.isEmpty() || rsaAround.isEmpty() || edAround.isEmpty()) {
            return;
        }
        b.append("## DKIM signing\n\n");
        b.append("`DkimSigningBenchmark`: one DKIM-Signature for the ~2 KB benchmark message, relaxed/relaxed, the"
                + " default signed fields (JMH as above, µs per message). \"around the key\" is everything but the"
                + " private-key operation: body and header canonicalization, the body hash, the DKIM-Signature field.\n\n");
        b.append("| algorithm | whole signature | around the key | private-key operation (difference) |\n")
                .append("|---|---:|---:|---:|\n");
        dkimRow(b, "RSA-2048", rsa.get(), rsaAround.get());
        dkimRow(b, "Ed25519", ed.get(), edAround.get());
        double around = Math.max(rsaAround.get().score(), edAround.get().score());
        b.append("\nWhat notify adds around the key: ").append(fmt(around, 1)).append(" µs per message (target < 50 µs: ")
                .append(around < 50 ? "met" : "MISSED").append(")\n\n");
    }

    private Optional<JmhResult> dkim(String benchmark) {
        return jmh.stream().filter(j -> j.benchmark().equals("DkimSigningBenchmark." + benchmark)).findFirst();
    }

    private static void dkimRow(StringBuilder b, String name, JmhResult whole, JmhResult around) {
        b.append("| ").append(name).append(" | ").append(fmt(whole.score(), 1)).append(" ± ").append(fmt(whole.error(), 1))
                .append(" | ").append(fmt(around.score(), 1)).append(" ± ").append(fmt(around.error(), 1))
                .append(" | ").append(fmt(whole.score() - around.score(), 1)).append(" |\n");
    }

    private List<Integer> threadCounts() {
        return results.stream().map(RunResult::threads).distinct().sorted().toList();
    }

    private Optional<RunResult> find(String id, Mode mode, int c) {
        return results.stream().filter(r -> r.contender().equals(id) && r.mode() == mode && r.threads() == c)
                .findFirst();
    }

    private Optional<RunResult> best(Mode mode, int c, java.util.function.Predicate<String> which) {
        List<RunResult> candidates = new ArrayList<>();
        for (RunResult r : results) {
            if (r.mode() == mode && r.threads() == c && which.test(r.contender())) {
                candidates.add(r);
            }
        }
        return candidates.stream().max(Comparator.comparingDouble(RunResult::messagesPerSecond));
    }

    private static String bold(String id) {
        return id.startsWith("notify-") ? "**" + id + "**" : id;
    }

    private static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
