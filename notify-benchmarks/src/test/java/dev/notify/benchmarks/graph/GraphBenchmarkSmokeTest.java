package dev.notify.benchmarks.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Graph part of the benchmark runs end to end with a small N and reports one token for the whole run. */
class GraphBenchmarkSmokeTest {

    @Test
    void reportsThroughputTokensAndRequestsInFlight() throws Exception {
        String report = GraphBenchmark.report(20);

        assertThat(report).contains("## Microsoft Graph")
                .containsPattern("\\| 1 \\| \\d+ \\| 0\\.0 \\| 1 \\|")
                .containsPattern("\\| 4 \\| \\d+ \\| 0\\.0 \\| [1-4] \\|")
                .contains("Token requests in the whole run: 1.");
    }
}
