package dev.notify.benchmarks.outbox;

import dev.notify.Notifier;
import dev.notify.benchmarks.harness.SinkInfo;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.JdbcJournal;
import dev.notify.settings.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Dead tuples under a held xmin horizon: messages flow through a PostgreSQL journal (4 threads enqueue, an outbox
 * with 4 workers delivers to the sink) for three phases: before, while another session holds a transaction open
 * (REPEATABLE READ with a transaction id: VACUUM can remove no row version that died after it began), and after.
 * Per phase: the messages finished and their rate, and {@code pg_stat_user_tables.n_dead_tup} of the queue (the
 * sum over its partitions; the largest sample, taken every 250 ms, and the last) and of the finished table. The same
 * flow runs twice: with the queue's ring turning every {@code ring}, and with a ring interval of one hour (no turn
 * during the run), which shows what a queue that is only updated and deleted in place accumulates.
 */
final class BloatBenchmark {

    private static final int PRODUCERS = 4;
    private static final int WORKERS = 4;
    private static final int BACKLOG = 2000;
    /** Enqueues between two looks at the backlog, so that counting costs the producers little. */
    private static final int BACKLOG_CHECK = 50;
    private static final Duration SAMPLE = Duration.ofMillis(250);

    /** One phase of one flow. */
    record Phase(String name, long messages, double seconds, long maxDeadQueue, long lastDeadQueue, long deadDone) {
        double rate() {
            return messages / seconds;
        }
    }

    /** The phases of one flow, with the ring interval it ran with. */
    record Flow(Duration ring, List<Phase> phases) {
        Phase during() {
            return phases.get(1);
        }
    }

    private BloatBenchmark() {
    }

    static String report(SinkInfo sink, FleetDatabase db, Duration hold, Duration around, Duration ring)
            throws Exception {
        Flow turning = flow(sink, db, hold, around, ring);
        Flow still = flow(sink, db, hold, around, Duration.ofHours(1));
        StringBuilder out = new StringBuilder("### Dead tuples while a transaction holds the xmin horizon\n\n");
        out.append("Messages flow through a PostgreSQL journal (").append(PRODUCERS).append(" threads enqueue, one "
                + "outbox with ").append(WORKERS).append(" workers delivers to the sink, about ").append(BACKLOG)
                .append(" waiting: each producer looks every ").append(BACKLOG_CHECK).append(" enqueues) before, during and after a ").append(hold.toSeconds()).append(" s transaction held "
                + "open by another session (REPEATABLE READ, with a transaction id). Dead tuples are "
                + "`pg_stat_user_tables.n_dead_tup`, summed over the queue's partitions (largest of the samples "
                + "every 250 ms / at the end of the phase), and of `_done`. Once with the queue's ring turning every ")
                .append(ring.toMillis()).append(" ms, once with a ring interval of one hour (nothing truncated: the "
                + "rows are updated and deleted in place, as a queue without the ring would be).\n\n");
        out.append("| ring | phase | messages | msg/s | queue dead tuples (max / end) | done dead tuples |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        for (Flow flow : List.of(turning, still)) {
            String name = flow.ring().toHours() >= 1 ? "off (1 h)" : flow.ring().toMillis() + " ms";
            for (Phase p : flow.phases()) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %d / %d | %d |%n", name, p.name(),
                        p.messages(), p.rate(), p.maxDeadQueue(), p.lastDeadQueue(), p.deadDone()));
            }
        }
        out.append(String.format(Locale.ROOT, "%nDuring the hold the queue's dead tuples peaked at %d with the ring "
                + "and %d without it (%d messages flowed during the hold with the ring).%n%n",
                turning.during().maxDeadQueue(), still.during().maxDeadQueue(), turning.during().messages()));
        return out.toString();
    }

    /** One flow of three phases: {@code around}, {@code hold} with the horizon held, {@code around}. */
    static Flow flow(SinkInfo sink, FleetDatabase db, Duration hold, Duration around, Duration ring) throws Exception {
        String table = db.newTable("bloat");
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger enqueued = new AtomicInteger();
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        List<Phase> phases = new ArrayList<>();
        try (Notifier notifier = Notifier.builder().settings(Settings.of(FleetBenchmark.settings(sink, WORKERS)))
                .build();
                DurableOutbox outbox = DurableOutbox.builder(notifier).workers(WORKERS)
                        .pollInterval(Duration.ofMillis(20))
                        .journal(JdbcJournal.builder(db.pool()).table(table).ring(ring).build()).build()) {
            for (int t = 0; t < PRODUCERS; t++) {
                producers.execute(() -> {
                    int sinceCheck = BACKLOG_CHECK;
                    while (producing.get()) {
                        if (sinceCheck >= BACKLOG_CHECK) {
                            if (db.number("SELECT count(*) FROM " + table + "_queue") > BACKLOG) {
                                LockSupport.parkNanos(5_000_000);
                                continue;
                            }
                            sinceCheck = 0;
                        }
                        sinceCheck++;
                        outbox.global().enqueueEmail(FleetBenchmark.message("bloat", enqueued.incrementAndGet()));
                    }
                });
            }
            phases.add(phase(db, table, "before", around));
            try (Connection holder = DriverManager.getConnection(db.url())) {
                holder.setAutoCommit(false);
                holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement s = holder.createStatement()) {
                    s.execute("SELECT txid_current(), count(*) FROM pg_class");
                }
                phases.add(phase(db, table, "during the hold", hold));
                holder.rollback();
            }
            phases.add(phase(db, table, "after", around));
            producing.set(false);
            producers.shutdown();
            producers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            producing.set(false);
            producers.shutdownNow();
        }
        return new Flow(ring, phases);
    }

    private static Phase phase(FleetDatabase db, String table, String name, Duration length) {
        String finished = "SELECT count(*) FROM " + table + "_done";
        long before = db.number(finished);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long max = 0;
        long last = 0;
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(Math.min(SAMPLE.toNanos(), Math.max(0, end - System.nanoTime())));
            last = deadQueue(db, table);
            max = Math.max(max, last);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long deadDone = db.number("SELECT coalesce(sum(n_dead_tup), 0) FROM pg_stat_user_tables WHERE relname = '"
                + table + "_done'");
        return new Phase(name, db.number(finished) - before, seconds, max, last, deadDone);
    }

    private static long deadQueue(FleetDatabase db, String table) {
        return db.number("SELECT coalesce(sum(n_dead_tup), 0) FROM pg_stat_user_tables WHERE relname LIKE '"
                + table + "\\_queue\\_%'");
    }
}
