package dev.notify.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's issue-15 targets: ratios within one run, each row saying met or MISSED with its number. */
class ResultsTableTest {

    private final List<RunResult> results = new ArrayList<>();

    @Test
    void latencyTargetsCompareTheFasterNotifyWithTheBestLibraryAndTheRawClient() {
        given(Mode.PLAIN_2MS, 4, "notify-sync", 700, 300);
        given(Mode.PLAIN_2MS, 4, "notify-async", 650, 250);
        given(Mode.PLAIN_2MS, 4, "jakarta-reused", 450, 280);
        given(Mode.PLAIN_2MS, 4, "vertx-mail", 600, 500);
        given(Mode.PLAIN_2MS, 4, "raw-pipelined", 1800, 50);

        String report = render(true);

        assertThat(report).contains("| plain-2ms | 4 | 700 (notify-sync) | vertx-mail 600 | 1.17x (>= 1.50x: MISSED)"
                + " | 0.39x (>= 0.70x: MISSED) | 300, 280 (1.07x, <= 1.00x: MISSED) | - |");
    }

    @Test
    void throughputTargetsAreMetWhenNotifyIsAtLeastAsFastAndNoHungrierThanAReusedTransport() {
        given(Mode.PLAIN, 1, "notify-sync", 5000, 300);
        given(Mode.PLAIN, 1, "jakarta-reused", 4400, 380);
        given(Mode.PLAIN, 1, "sjm", 760, 2200);
        given(Mode.PLAIN, 1, "raw-pipelined", 35000, 40);

        String report = render(true);

        assertThat(report).contains("| plain | 1 | 5000 (notify-sync) | jakarta-reused 4400 | 1.14x (>= 1.00x: met)"
                + " | 0.14x | 300, 380 (0.79x, <= 1.00x: met) | 6.58x (>= 2.00x: met) |")
                .contains("Targets met: 3 of 3.");
    }

    @Test
    void aThreadCountOutsideTheIssueShowsRatiosWithoutLibraryTargets() {
        given(Mode.STARTTLS_AUTH, 2, "notify-async", 3000, 300);
        given(Mode.STARTTLS_AUTH, 2, "vertx-mail", 3300, 320);

        assertThat(render(true))
                .contains("| starttls-auth | 2 | 3000 (notify-async) | vertx-mail 3300 | 0.91x | - | - | - |")
                .doesNotContain("Targets met");
    }

    @Test
    void theHeaderSaysWhetherTheSinkOfferedChunking() {
        given(Mode.PLAIN, 1, "notify-sync", 5000, 300);

        assertThat(render(true)).contains("- Sink extensions: PIPELINING, CHUNKING (BDAT), SIZE");
        assertThat(render(false)).contains("- Sink extensions: PIPELINING, SIZE")
                .contains("CHUNKING not offered");
    }

    @Test
    void theThroughputTableShowsRoundTripsPerMessage() {
        given(Mode.PLAIN_2MS, 1, "vertx-mail", 150, 400);

        assertThat(render(true)).contains("| commands/msg | round trips/msg |")
                .contains("| plain-2ms | 1 | 200 | vertx-mail | 150 | - | 400 | 0 | 4.00 | 3.00 | 150 |");
    }

    private void given(Mode mode, int threads, String contender, double rate, double cpu) {
        results.add(new RunResult(contender, mode, threads, 200, rate, cpu, 0, 4.0, 3.0, List.of(rate)));
    }

    private String render(boolean chunking) {
        return new ResultsTable(results, List.of(), List.of(), List.of(), chunking, 4000, 2000, 200, 0.5, 0.5, 60)
                .render();
    }
}
