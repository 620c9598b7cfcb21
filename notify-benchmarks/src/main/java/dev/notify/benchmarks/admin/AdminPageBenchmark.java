package dev.notify.benchmarks.admin;

import dev.notify.admin.AdminPage;
import dev.notify.admin.Administrator;
import dev.notify.store.ChangeSet;
import dev.notify.store.FileSettingsStore;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreOptions;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server time of the admin page for a fleet of {@value #SERVERS} servers in {@value #REGIONS} regions, each
 * server overriding two keys: one GET of the fleet view or of a server's page, from the request to the finished
 * HTML (authorization, a snapshot of the file store, rendering from the installed schema, security headers), with
 * no network in between. Sampled, so {@link AdminBenchmark} reports percentiles.
 *
 * <p>{@code afterChange}: {@code false} measures a page viewed again at the same store version (what the page
 * worked out for that version is reused); {@code true} changes one server's key before each GET (outside the
 * measured time), so every GET renders a new version: the first view after a save.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AdminPageBenchmark {

    static final int SERVERS = 200;
    static final int REGIONS = 10;

    @Param({"/fleet", "/servers/server-117"})
    public String path;

    @Param({"false", "true"})
    public boolean afterChange;

    private Path work;
    private SettingsStore store;
    private AdminPage page;
    private WebRequest request;
    private int changes;

    @Setup
    public void setUp() throws IOException {
        work = Files.createTempDirectory("notify-admin-bench");
        store = FileSettingsStore.open(work.resolve("notify.properties"),
                StoreOptions.builder().checkInterval(Duration.ZERO).build());
        store.apply(fleet().build());
        page = AdminPage.builder(store, r -> Optional.of(Administrator.of("bench", "Benchmark", "bench@example.com")))
                .build();
        request = WebRequest.builder("GET", path).build();
        WebResponse response = page.handle(request);
        if (response.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.status());
        }
    }

    static ChangeSet.Builder fleet() {
        ChangeSet.Builder fleet = ChangeSet.builder(0, "bench").set("email.enabled", "true")
                .set("email.delivery-method", "smtp").set("email.sender", "Fleet <fleet@example.com>")
                .set("email.smtp.host", "smtp.example.com").set("email.smtp.port", "25");
        for (int r = 0; r < REGIONS; r++) {
            fleet.addServer("region-" + r, null).set("servers.region-" + r + ".email.sender",
                    "Region " + r + " <region-" + r + "@example.com>");
        }
        for (int s = 0; s < SERVERS; s++) {
            String id = "server-" + s;
            fleet.addServer(id, "region-" + (s % REGIONS))
                    .set("servers." + id + ".email.smtp.port", Integer.toString(2500 + s))
                    .set("servers." + id + ".email.reply-to", "replies-" + s + "@example.com");
        }
        return fleet;
    }

    @Setup(Level.Invocation)
    public void change() {
        if (afterChange) {
            store.apply(ChangeSet.builder(store.snapshot().version(), "bench")
                    .set("servers.server-3.email.reply-to", "changed-" + (++changes) + "@example.com").build());
        }
    }

    @Benchmark
    public WebResponse render() {
        return page.handle(request);
    }

    @TearDown
    public void tearDown() throws IOException {
        store.close();
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
