package dev.notify.outbox.fleet;

import dev.notify.Notifier;
import dev.notify.NotifierBuilder;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.DurableOutboxBuilder;
import dev.notify.outbox.JdbcJournal;
import dev.notify.outbox.support.FileClock;
import dev.notify.outbox.support.Postgres;
import dev.notify.settings.FileSettingsSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One instance of a fleet that the fleet tests start in JVMs of their own and kill: an outbox delivering from the
 * JDBC journal shared with the other instances, until its standard input ends. Prints {@code READY} once delivering.
 *
 * <p>Arguments: the JDBC URL, the table, the lease in ms, the settings file, the number of workers, the record batch
 * ({@code DurableOutboxBuilder.recordBatch}), and optionally a {@link FileClock} file whose clock the notifier and
 * the outbox use.
 */
public final class FleetProcess {

    private FleetProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String table = args[1];
        Duration lease = Duration.ofMillis(Long.parseLong(args[2]));
        Path settings = Path.of(args[3]);
        int workers = Integer.parseInt(args[4]);
        int recordBatch = Integer.parseInt(args[5]);
        FileClock clock = args.length > 6 ? FileClock.open(Path.of(args[6])) : null;
        NotifierBuilder notifierBuilder = Notifier.builder().settings(FileSettingsSource.of(settings));
        if (clock != null) {
            notifierBuilder.clock(clock);
        }
        try (Notifier notifier = notifierBuilder.build()) {
            DurableOutboxBuilder builder = DurableOutbox.builder(notifier).workers(workers).recordBatch(recordBatch)
                    .journal(JdbcJournal.builder(Postgres.pooled(url)).table(table).lease(lease).build())
                    .pollInterval(Duration.ofMillis(50));
            if (clock != null) {
                builder.clock(clock);
            }
            DurableOutbox outbox = builder.build();
            try {
                System.out.println("READY");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // Delivering until the test closes this process's standard input.
                }
            } finally {
                outbox.close();
            }
        }
    }
}
