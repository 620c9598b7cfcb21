package dev.notify.benchmarks.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.benchmarks.SinkExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bloat test, short: messages flow through a PostgreSQL journal while another session holds the xmin horizon
 * for {@code notify.bloat.hold} seconds (default 4; {@code run.sh} holds 60), and the queue's dead tuples stay
 * below one per message that flowed during the hold, where a queue updated and deleted in place leaves at least two
 * (the claim's update and the final delete).
 */
class BloatBenchmarkTest {

    private static final Duration HOLD = Duration.ofSeconds(Long.getLong("notify.bloat.hold", 4));

    @RegisterExtension
    static final SinkExtension SINK = new SinkExtension();

    @TempDir
    Path work;

    @Test
    void deadTuplesInTheQueueStayBoundedWhileATransactionHoldsTheHorizon() throws Exception {
        BloatBenchmark.Flow flow;
        try (FleetDatabase db = new FleetDatabase(work.resolve("postgres"))) {
            flow = BloatBenchmark.flow(SINK.info(), db, HOLD, Duration.ofSeconds(2), Duration.ofMillis(250));
        }

        BloatBenchmark.Phase during = flow.during();
        System.out.printf("%s: %s%n", getClass().getSimpleName(), flow.phases());
        assertThat(during.messages()).as("messages finished during the hold").isPositive();
        assertThat(during.maxDeadQueue()).as("the queue's dead tuples during the hold")
                .isLessThan(during.messages());
        assertThat(flow.phases().get(2).messages()).as("messages finished after the hold").isPositive();
    }
}
