package dev.notify.benchmarks.outbox;

import dev.notify.Notifier;
import dev.notify.benchmarks.harness.SinkInfo;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.JdbcJournal;
import dev.notify.settings.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One instance of the fleet benchmark, in a JVM of its own: an outbox with {@code workers} workers on the shared
 * JDBC journal, delivering to the sink until its standard input ends. Prints {@code READY} once delivering.
 *
 * <p>Arguments: the sink's properties file, the JDBC URL, the table, the number of workers.
 */
public final class FleetDeliverer {

    private FleetDeliverer() {
    }

    public static void main(String[] args) throws Exception {
        SinkInfo sink = SinkInfo.read(Path.of(args[0]));
        int workers = Integer.parseInt(args[3]);
        try (Notifier notifier = Notifier.builder().settings(Settings.of(FleetBenchmark.settings(sink, workers))).build()) {
            DurableOutbox outbox = DurableOutbox.builder(notifier).workers(workers)
                    .journal(JdbcJournal.builder(FleetDatabase.pool(args[1], workers + 4)).table(args[2]).build())
                    .pollInterval(Duration.ofMillis(20)).build();
            try {
                System.out.println("READY");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // Delivering until the benchmark closes this process's standard input.
                }
            } finally {
                outbox.close();
            }
        }
    }
}
