package dev.notify.benchmarks.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.benchmarks.SinkExtension;
import dev.notify.smtp.SmtpSettingKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings store benchmark end to end at a small N against the sink in this JVM (the embedded PostgreSQL
 * included, JMH left out), and its target line on given numbers.
 */
class StoreBenchmarkTest {

    @RegisterExtension
    static final SinkExtension SINK = new SinkExtension();

    @TempDir
    Path work;

    @Test
    void sendsThroughEverySourceToTheSinkAndReportsRatiosAndPropagation() throws Exception {
        String report = StoreBenchmark.report(SINK.info(), work.resolve("store"), 20, 1, false);

        assertThat(report).contains("## Settings store")
                .containsPattern("\\| fixed Settings \\| \\d+ \\| \\d+ \\| 1\\.000 \\| - \\|")
                .containsPattern("\\| file store \\| \\d+ \\| \\d+ \\| \\d\\.\\d{3} \\| - \\|")
                .containsPattern("\\| PostgreSQL store \\| \\d+ \\| \\d+ \\| \\d\\.\\d{3} \\| - \\|")
                .containsPattern("Store vs fixed: within noise .*: (met|MISSED for .*)\\.")
                .containsPattern("in p50 \\d+\\.\\d ms, max \\d+\\.\\d ms over 50 changes");
        assertThat(work.resolve("store")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed", "file", "postgresql"})
    void currentBenchmarkGivesTheSettingsOfEachSourceAndCleansUp(String source) throws Exception {
        StoreCurrentBenchmark benchmark = new StoreCurrentBenchmark();
        benchmark.source = source;
        benchmark.setUp();
        try {
            assertThat(benchmark.current().resolve(StoreSources.SERVER).get(SmtpSettingKeys.PORT))
                    .isEqualTo(2525);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void storeWithinTheFixedRunsSpreadIsMet() {
        String report = StoreBenchmark.render(rates(List.of(1000.0, 1100.0, 900.0), List.of(1050.0, 1000.0, 950.0),
                List.of(950.0, 920.0, 980.0)), Map.of(), List.of(2_000_000L), 1000, 3);

        assertThat(report).contains("noise 0.200").contains("file store 1.000, PostgreSQL store 0.950): met.");
    }

    @Test
    void storeSlowerThanTheFixedRunsSpreadIsMissedAndNamed() {
        String report = StoreBenchmark.render(rates(List.of(1000.0, 1010.0, 990.0), List.of(1000.0, 1005.0, 995.0),
                List.of(900.0, 910.0, 890.0)), Map.of(StoreBenchmark.FIXED, 1.0, StoreBenchmark.FILE, 20.0,
                        StoreBenchmark.POSTGRESQL, 5.0), List.of(2_000_000L), 1000, 3);

        assertThat(report).contains("noise 0.020").contains("MISSED for PostgreSQL store.")
                .containsPattern("\\| file store \\| 1000 \\| 1000, 1005, 995 \\| 1\\.000 \\| 20\\.0 \\|")
                .contains("file store 0.002%, PostgreSQL store 0.001% of a send");
    }

    private static Map<String, List<Double>> rates(List<Double> fixed, List<Double> file, List<Double> postgresql) {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        rates.put(StoreBenchmark.FIXED, fixed);
        rates.put(StoreBenchmark.FILE, file);
        rates.put(StoreBenchmark.POSTGRESQL, postgresql);
        return rates;
    }
}
