package dev.notify.benchmarks.admin;

import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link AdminPageBenchmark} and prints its section of RESULTS.md: p50, p95 and p99 of the server time of the
 * fleet view and of a server's page, against the target p95 &lt; {@value #TARGET_MS} ms. Argument: the file JMH's
 * own output goes to. Exits 3 when a target is missed.
 */
public final class AdminBenchmark {

    static final double TARGET_MS = 50;

    private AdminBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String log = args.length > 0 ? args[0] : "admin-jmh.log";
        var results = new Runner(new OptionsBuilder().include(AdminPageBenchmark.class.getName() + ".render")
                .output(log).build()).run();
        StringBuilder md = new StringBuilder();
        md.append("## Admin page (fleet of ").append(AdminPageBenchmark.SERVERS).append(" servers)\n\n");
        md.append("Server time of one GET through `AdminPage.handle` (authorization, a snapshot of a file store, "
                + "rendering from the installed schema, headers; no network): ").append(AdminPageBenchmark.SERVERS)
                .append(" servers in ").append(AdminPageBenchmark.REGIONS).append(" regions, each overriding two "
                + "keys. JMH sample time, 1 fork, 3 x 2 s warm-up, 5 x 2 s measurement. *Same version*: the page "
                + "viewed again while the store is unchanged (what the page worked out for a version is reused); "
                + "*after a change*: a server's key is saved before each GET (not timed), so each GET renders a new "
                + "version, as the first view after a save does.\n\n");
        md.append("| page | store | samples | p50 ms | p95 ms | p99 ms | target p95 < 50 ms |\n"
                + "|---|---|---:|---:|---:|---:|---|\n");
        boolean met = true;
        for (RunResult result : results) {
            Statistics s = result.getPrimaryResult().getStatistics();
            double p95 = s.getPercentile(95);
            met &= p95 < TARGET_MS;
            md.append(String.format(Locale.ROOT, "| `GET %s` | %s | %d | %.2f | %.2f | %.2f | %s |%n",
                    result.getParams().getParam("path"), Boolean.parseBoolean(result.getParams().getParam(
                            "afterChange")) ? "after a change" : "same version", s.getN(), s.getPercentile(50), p95,
                    s.getPercentile(99), p95 < TARGET_MS ? "met" : "missed"));
        }
        System.out.print(md);
        System.exit(met ? 0 : 3);
    }
}
