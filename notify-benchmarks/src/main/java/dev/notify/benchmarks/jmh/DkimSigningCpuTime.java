package dev.notify.benchmarks.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link DkimSigningBenchmark}'s operations measured in CPU time of the signing thread instead of wall time:
 * on a shared machine under load, wall time mostly measures the wait for a core. Five rounds, each after the
 * previous one warmed the JIT; prints the last three.
 *
 * <pre>java -cp ... dev.notify.benchmarks.jmh.DkimSigningCpuTime</pre>
 */
public final class DkimSigningCpuTime {

    private static final int ROUNDS = 5;
    private static final int MEASURED_ROUNDS = 3;

    private DkimSigningCpuTime() {
    }

    public static void main(String[] args) throws GeneralSecurityException {
        DkimSigningBenchmark benchmark = new DkimSigningBenchmark();
        benchmark.setUp();
        Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
        operations.put("rsa2048", benchmark::rsa2048);
        operations.put("ed25519", benchmark::ed25519);
        operations.put("rsa2048WithoutPrivateKeyOperation", benchmark::rsa2048WithoutPrivateKeyOperation);
        operations.put("ed25519WithoutPrivateKeyOperation", benchmark::ed25519WithoutPrivateKeyOperation);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int kept = 0;
        System.out.println("message: " + benchmark.messageSize() + " bytes; CPU µs per message, rounds "
                + (ROUNDS - MEASURED_ROUNDS + 1) + " to " + ROUNDS);
        for (int round = 1; round <= ROUNDS; round++) {
            for (Map.Entry<String, Supplier<Object>> op : operations.entrySet()) {
                int n = op.getKey().endsWith("WithoutPrivateKeyOperation") ? 100_000 : 1_000;
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    kept += op.getValue().get().hashCode() & 1;
                }
                double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
                if (round > ROUNDS - MEASURED_ROUNDS) {
                    System.out.printf("round %d  %-36s %9.1f%n", round, op.getKey(), micros);
                }
            }
        }
        System.out.println("(" + kept + ")");
    }
}
