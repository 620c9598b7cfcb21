package dev.notify.benchmarks.store;

import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSource;
import dev.notify.store.SettingsStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a notifier asks its settings source on every send: {@code current()} (the server's resolution after it is
 * cached per {@link Settings}, measured by {@code SettingsResolutionBenchmark}). The stores check for a change once a second on this path, so the average includes
 * that check (a file read, or for PostgreSQL nothing: its watcher thread does it). Run by {@link StoreBenchmark},
 * not by the JMH step of run.sh, because it lives outside {@code dev.notify.benchmarks.jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StoreCurrentBenchmark {

    @Param({"fixed", "file", "postgresql"})
    public String source;

    private SettingsSource settings;
    private SettingsStore store;
    private EmbeddedPostgres postgres;
    private Path work;

    @Setup
    public void setUp() throws IOException {
        work = Files.createTempDirectory("notify-store-current");
        Map<String, String> keys = StoreSources.keys("127.0.0.1", 2525, 1);
        switch (source) {
            case "fixed" -> settings = StoreSources.fixed(keys);
            case "file" -> settings = store = StoreSources.file(work.resolve("notify.properties"), keys);
            case "postgresql" -> {
                postgres = StoreSources.postgres(work.resolve("postgres"));
                settings = store = StoreSources.jdbc(StoreSources.dataSource(postgres), keys);
            }
            default -> throw new IllegalArgumentException("source must be fixed, file or postgresql, not " + source);
        }
        settings.current().resolve(StoreSources.SERVER);
    }

    @Benchmark
    public Settings current() {
        return settings.current();
    }

    @TearDown
    public void tearDown() throws Exception {
        if (store != null) {
            store.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        StoreBenchmark.delete(work);
    }
}
