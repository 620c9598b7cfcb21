package dev.notify.benchmarks.templates;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.ServerNotifier;
import dev.notify.benchmarks.harness.Mail;
import dev.notify.benchmarks.harness.SinkControl;
import dev.notify.benchmarks.harness.SinkInfo;
import dev.notify.internal.TemplateRenderer;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSenderProvider;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Templates on the send path. First {@link TemplateRenderBenchmark} under JMH (renders per second, C=1 and C=4,
 * notify's engine and mustache.java in the same run); then N invitations sent one at a time to the SMTP sink as a
 * {@code TemplateMessage} (rendered on each send) and as the same email already rendered, in interleaved runs of
 * one JVM: what rendering adds to a send. The host's email is built on each send from texts written beforehand,
 * as a host that writes its own texts does; the template's is built from the {@code TemplateMessage}. Prints a markdown section; exits 3 when the sink did not accept exactly
 * N per run.
 *
 * <p>Arguments: the sink's properties file, N (messages per run), the JMH log file, and whether to run JMH.
 */
public final class TemplateBenchmark {

    private static final int RUNS = 5;
    private static final int WARM_UP_ROUNDS = 2;
    private static final String SERVER = "bench-1";
    private static final String RENDERED = "rendered by the host";
    private static final String TEMPLATE = "TemplateMessage";

    private TemplateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SinkInfo sink = SinkInfo.read(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        Path log = Path.of(args.length > 2 ? args[2] : "templates-jmh.log");
        boolean jmh = args.length <= 3 || Boolean.parseBoolean(args[3]);
        try {
            Map<String, Double> renders = jmh ? renders(log) : Map.of();
            Map<String, List<Double>> rates = sendRates(sink, n);
            System.out.print(render(renders, rates, n));
            System.exit(0);
        } catch (IllegalStateException e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(3);
        }
    }

    /** ops/s per benchmark method of {@link TemplateRenderBenchmark}. */
    private static Map<String, Double> renders(Path log) throws Exception {
        Map<String, Double> opsPerSecond = new LinkedHashMap<>();
        for (RunResult result : new Runner(new OptionsBuilder().include(TemplateRenderBenchmark.class.getName())
                .jvmArgsAppend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn").output(log.toString()).build()).run()) {
            String label = result.getParams().getBenchmark();
            opsPerSecond.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        return opsPerSecond;
    }

    private static Map<String, List<Double>> sendRates(SinkInfo sink, int n) throws Exception {
        Layer global = Invitation.layer(Layer.builder()).set(SettingKeys.EMAIL_ENABLED, true)
                .set("email.sender", Mail.FROM).build();
        Layer server = Layer.builder().set(SmtpSettingKeys.HOST, sink.host()).set(SmtpSettingKeys.PORT, sink.port())
                .set(SmtpSettingKeys.TLS, TlsMode.NONE).build();
        Settings settings = Settings.builder().global(global).server(SERVER, server).build();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        rates.put(RENDERED, new ArrayList<>());
        rates.put(TEMPLATE, new ArrayList<>());
        try (Notifier notifier = Notifier.builder().settings(settings).provider(new SmtpSenderProvider()).build()) {
            ServerNotifier target = notifier.server(SERVER);
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                send(target, sink.control(), n, false);
                send(target, sink.control(), n, true);
            }
            for (int run = 0; run < RUNS; run++) {
                boolean templateFirst = run % 2 == 1;
                rates.get(templateFirst ? TEMPLATE : RENDERED).add(send(target, sink.control(), n, templateFirst));
                rates.get(templateFirst ? RENDERED : TEMPLATE).add(send(target, sink.control(), n, !templateFirst));
            }
        }
        return rates;
    }

    /** Sends N invitations one at a time; msg/s, after checking that the sink accepted exactly N. */
    private static double send(ServerNotifier server, SinkControl sink, int n, boolean template) throws Exception {
        List<EmailMessage> rendered = new ArrayList<>();
        if (!template) {
            for (int i = 1; i <= n; i++) {
                rendered.add(TemplateRenderer.email(server.render(Invitation.message(Mail.TO, i))));
            }
        }
        long before = sink.stats().messages();
        long start = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            SendResult result = template ? server.sendEmail(Invitation.message(Mail.TO, i))
                    : server.sendEmail(hostBuilt(rendered.get(i - 1)));
            if (result.status() != SendStatus.ACCEPTED) {
                throw new IllegalStateException("not accepted: " + result);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long accepted = sink.stats().messages() - before;
        if (accepted != n) {
            throw new IllegalStateException("the sink accepted " + accepted + " messages, not " + n);
        }
        return n / seconds;
    }

    /** The email as a host builds it from texts it has already written: the builder runs on each send. */
    private static EmailMessage hostBuilt(EmailMessage texts) {
        return EmailMessage.builder().to(Mail.TO).subject(texts.subject()).text(texts.text().orElseThrow())
                .html(texts.html().orElseThrow()).build();
    }

    static String render(Map<String, Double> renders, Map<String, List<Double>> rates, int n) {
        StringBuilder out = new StringBuilder("## Templates\n\n");
        if (!renders.isEmpty()) {
            out.append("Renders per second of the invitation template (subject + text + HTML, 10 variables: strings, ")
                    .append("an int, a BigDecimal, a LocalDate, a list, a section), JMH throughput, 1 fork, 3 x 1 s ")
                    .append("warm-up, 5 x 1 s; C = JMH threads sharing one notifier. `notify send path` is ")
                    .append("`ServerNotifier.render` with a server's settings (what every templated send does); the ")
                    .append("engine rows render compiled templates with the same variables. mustache.java writes ")
                    .append("numbers and dates with toString(), notify formats them for the locale.\n\n")
                    .append("| engine | C | renders/s | vs notify's engine |\n|---|---:|---:|---:|\n");
            for (String c : List.of("C1", "C4")) {
                double ours = renders.getOrDefault("notifyEngine" + c, Double.NaN);
                row(out, "notify send path (settings, locale, cache)", c, renders.get("notifySend" + c), ours);
                row(out, "**notify's Mustache engine**", c, ours, ours);
                row(out, "mustache.java 0.9.14", c, renders.get("mustacheJava" + c), ours);
            }
        }
        double plain = median(rates.get(RENDERED));
        double templated = median(rates.get(TEMPLATE));
        double overhead = plain / templated - 1;
        out.append(String.format(Locale.ROOT, "%nSending N = %d invitations one at a time (sync, C = 1, plain, "
                + "loopback) to the SMTP sink, one notifier, %d warm-up rounds then %d runs each, interleaved, every "
                + "run checked: N accepted by the sink.%n%n| sent as | msg/s (median) | runs (msg/s) |%n|---|---:|---|%n",
                n, WARM_UP_ROUNDS, RUNS));
        rates.forEach((name, runs) -> out.append(String.format(Locale.ROOT, "| %s | %.0f | %s |%n", name, median(runs),
                String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList()))));
        out.append(String.format(Locale.ROOT, "%nRendering on the send path adds %.1f%% to a send (target < 5%%: %s)",
                100 * overhead, overhead < 0.05 ? "met" : "MISSED"));
        Double sendPath = renders.get("notifySendC1");
        if (sendPath != null) {
            out.append(String.format(Locale.ROOT, "; by JMH, a render takes %.1f µs, %.1f%% of a send of %.1f µs",
                    1e6 / sendPath, 100 * (1e6 / sendPath) / (1e6 / plain), 1e6 / plain));
        }
        out.append(".\n");
        return out.toString();
    }

    private static void row(StringBuilder out, String engine, String c, Double rate, double ours) {
        if (rate != null) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.2fx |%n", engine, c.substring(1), rate,
                    rate / ours));
        }
    }

    private static double median(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
