package dev.notify.benchmarks.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.notify.benchmarks.SinkExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bloat test, short: messages flow through a PostgreSQL journal while another session holds the xmin horizon
 * for {@code notify.bloat.hold} seconds (default 4; {@code run.sh} holds 60), once with the queue's ring turning
 * every 250 ms and once with it still (rows updated and deleted in place). With the ring the queue's dead tuples
 * peak at less than two thirds of what the same flow leaves without it (a 4 s hold is only a few ring intervals,
 * and {@code n_dead_tup} lags by about a second; over run.sh's 60 s hold the ratio was 1 to 20). A machine too busy to move 500 messages during
 * the hold says nothing about bloat: the test is then skipped, saying so.
 */
class BloatBenchmarkTest {

    private static final Duration HOLD = Duration.ofSeconds(Long.getLong("notify.bloat.hold", 4));
    private static final Duration AROUND = Duration.ofSeconds(2);

    @RegisterExtension
    static final SinkExtension SINK = new SinkExtension();

    @TempDir
    Path work;

    @Test
    void theRingKeepsTheQueuesDeadTuplesFarBelowAnInPlaceQueueWhileATransactionHoldsTheHorizon() throws Exception {
        BloatBenchmark.Flow turning;
        BloatBenchmark.Flow still;
        try (FleetDatabase db = new FleetDatabase(work.resolve("postgres"))) {
            turning = BloatBenchmark.flow(SINK.info(), db, HOLD, AROUND, Duration.ofMillis(250));
            still = BloatBenchmark.flow(SINK.info(), db, HOLD, AROUND, Duration.ofHours(1));
        }

        System.out.printf("%s: with the ring %s; without %s%n", getClass().getSimpleName(), turning.phases(),
                still.phases());
        assumeTrue(still.during().messages() >= 500, "only " + still.during().messages() + " messages flowed during "
                + "the hold: the machine is too busy for the comparison");
        assertThat(turning.during().messages()).as("messages finished during the hold with the ring").isPositive();
        assertThat(turning.during().maxDeadQueue() * 3).as("three times the queue's dead tuples with the ring")
                .isLessThan(still.during().maxDeadQueue() * 2);
    }
}
