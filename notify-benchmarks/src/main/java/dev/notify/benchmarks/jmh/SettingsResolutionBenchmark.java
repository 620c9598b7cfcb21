package dev.notify.benchmarks.jmh;

import dev.notify.settings.InMemorySettingsSource;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSettingKeys;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the notifier does for settings on every send: take the source's current settings, resolve the server
 * and read a value. Cached (nothing changed) and right after a server layer changed (a new {@link Settings}, so
 * the first resolution is done afresh); {@link #changeLayerOnly} is the cost of the change itself, to subtract.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SettingsResolutionBenchmark {

    private static final String SERVER = "eu-1";

    private InMemorySettingsSource source;
    private Settings settings;
    private Layer portA;
    private Layer portB;
    private boolean flip;

    @Setup
    public void setUp() {
        Layer global = Layer.builder()
                .set(SettingKeys.EMAIL_ENABLED, true)
                .set("email.sender", "sender@example.com")
                .set(SmtpSettingKeys.HOST, "smtp.example.com")
                .set("email.smtp.port", "587")
                .set("email.retry.max-attempts", "3")
                .build();
        Settings.Builder b = Settings.builder().global(global);
        for (int i = 0; i < 50; i++) {
            b.server("tenant-" + i, Layer.builder().set(SmtpSettingKeys.HOST, "smtp" + i + ".example.com").build());
        }
        portA = Layer.builder().set(SmtpSettingKeys.HOST, "eu.example.com").set(SmtpSettingKeys.PORT, 2525).build();
        portB = Layer.builder().set(SmtpSettingKeys.HOST, "eu.example.com").set(SmtpSettingKeys.PORT, 2526).build();
        settings = b.server(SERVER, portA).build();
        source = new InMemorySettingsSource(settings);
        source.current().resolve(SERVER);
    }

    @Benchmark
    public boolean resolveCached() {
        ResolvedSettings resolved = source.current().resolve(SERVER);
        return resolved.get(SettingKeys.EMAIL_ENABLED);
    }

    @Benchmark
    public boolean changeLayerThenResolve() {
        Settings changed = change();
        return changed.resolve(SERVER).get(SettingKeys.EMAIL_ENABLED);
    }

    @Benchmark
    public Settings changeLayerOnly() {
        return change();
    }

    private Settings change() {
        flip = !flip;
        return Settings.builder(settings).server(SERVER, flip ? portB : portA).build();
    }
}
