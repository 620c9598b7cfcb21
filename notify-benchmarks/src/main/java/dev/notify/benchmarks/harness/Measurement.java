package dev.notify.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Measures one contender at one thread count: a warm-up run, then {@code runs} measured runs of N messages,
 * each checked against the sink's counts (exactly N accepted, every sequence number once, TLS and AUTH on every
 * connection in the secure mode).
 */
public final class Measurement {

    private final SinkControl sink;
    private final int runs;

    public Measurement(SinkControl sink, int runs) {
        this.sink = sink;
        this.runs = runs;
    }

    public RunResult measure(Contender contender, Target target, int threads, int messages, int warmup)
            throws Exception {
        sink.delay(target.mode().replyDelay());
        String prefix = contender.id() + "-" + target.mode().id() + "-c" + threads;
        try (Contender.Client client = contender.open(target, threads)) {
            if (warmup > 0) {
                run(client, target, prefix + "-warmup", warmup);
            }
            List<Run> measured = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                measured.add(run(client, target, prefix + "-run" + r, messages));
            }
            List<Run> byRate = new ArrayList<>(measured);
            byRate.sort(Comparator.comparingDouble(Run::rate));
            Run median = byRate.get(byRate.size() / 2);
            List<Double> cpu = measured.stream().map(Run::cpuMicrosPerMessage).sorted().toList();
            return new RunResult(contender.id(), target.mode(), threads, messages, median.rate(),
                    cpu.get(cpu.size() / 2), median.stats().connections(),
                    (double) median.stats().commands() / messages, (double) median.stats().flushes() / messages,
                    measured.stream().map(Run::rate).toList());
        } finally {
            sink.delay(java.time.Duration.ZERO);
        }
    }

    private record Run(double rate, double cpuMicrosPerMessage, SinkStats stats) {
    }

    private Run run(Contender.Client client, Target target, String label, int messages) throws Exception {
        SinkStats before = sink.stats();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        client.send(label, messages);
        long elapsed = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuBefore;
        SinkStats delta = sink.stats().since(before);
        check(label, target, messages, delta);
        return new Run(messages / (elapsed / 1e9), cpu / 1000.0 / messages, delta);
    }

    static void check(String label, Target target, int messages, SinkStats delta) throws CountMismatchException {
        long expectedSum = (long) messages * (messages - 1) / 2;
        if (delta.messages() != messages || delta.sequenceSum() != expectedSum || delta.withoutSequence() != 0) {
            throw new CountMismatchException(label + ": sent " + messages + " messages, the sink accepted "
                    + delta.messages() + " (sequence sum " + delta.sequenceSum() + ", expected " + expectedSum
                    + "; " + delta.withoutSequence() + " without a sequence number): lost or duplicated");
        }
        if (target.secure() && (delta.tls() != delta.connections() || delta.auths() != delta.connections())) {
            throw new IllegalStateException(label + ": " + delta.connections() + " connections but " + delta.tls()
                    + " STARTTLS and " + delta.auths() + " AUTH: not every connection was secured and authenticated");
        }
    }

    /** CPU time of the whole client process: every thread, the JIT and the GC included. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
