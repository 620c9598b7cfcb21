package dev.notify.benchmarks.graph;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.ServerNotifier;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Settings;
import dev.notify.testkit.graph.GraphServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * notify's Graph provider against the test kit's Graph stub (WireMock over HTTPS on loopback, in this JVM): msg/s
 * at 1 and 4 threads, token requests per 1,000 sends, the most sendMail requests in flight, and the time from
 * building the notifier to the first accepted message; then {@link GraphBatchingBenchmark}'s rows. Prints a markdown
 * section; exits 3 if the stub did not receive exactly the messages sent.
 */
public final class GraphBenchmark {

    private GraphBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        try {
            System.out.print(report(n));
            System.out.print(GraphBatchingBenchmark.report(Math.min(n, 400), 150));
            System.exit(0);
        } catch (IllegalStateException e) {
            System.out.println("MISMATCH: " + e.getMessage());
            System.exit(3);
        }
    }

    /**
     * Runs the measurement and returns its markdown section.
     *
     * @throws IllegalStateException when the stub did not receive exactly N sendMail requests in a run
     */
    static String report(int n) throws Exception {
        StringBuilder out = new StringBuilder("## Microsoft Graph\n\n");
        try (GraphServerExtension graph = GraphServerExtension.create().start()) {
            long coldStart = System.nanoTime();
            try (Notifier notifier = Notifier.builder().settings(Settings.of(graph.layer())).build()) {
                ServerNotifier global = notifier.global();
                global.sendEmail(mail(0));
                long coldMillis = (System.nanoTime() - coldStart) / 1_000_000;
                out.append("notify's Graph provider against the test kit's Graph stub (WireMock over HTTPS on loopback, in the ")
                        .append("same JVM, so the stub's CPU is shared); N = ").append(n)
                        .append(" per run after a warm-up of N; 0 token requests means the cached token served the whole run.\n\n")
                        .append("| C | msg/s | token requests per 1,000 sends | most sendMail requests in flight |\n")
                        .append("|---:|---:|---:|---:|\n");
                AtomicInteger sequence = new AtomicInteger(1);
                for (int threads : List.of(1, 4)) {
                    run(global, n, threads, sequence);
                    int mailsBefore = graph.sendMailRequestCount();
                    int tokensBefore = graph.tokenRequests().size();
                    long start = System.nanoTime();
                    run(global, n, threads, sequence);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    int mails = graph.sendMailRequestCount() - mailsBefore;
                    int tokens = graph.tokenRequests().size() - tokensBefore;
                    if (mails != n) {
                        throw new IllegalStateException("the stub received " + mails + " sendMail requests, not " + n);
                    }
                    out.append(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %d |%n", threads, n / seconds,
                            tokens * 1000.0 / n, graph.maxConcurrentSendMails()));
                }
                out.append("\nTime from building the notifier to the first accepted message (first use of the SDK in ")
                        .append("this JVM): ").append(coldMillis).append(" ms. Token requests in the whole run: ")
                        .append(graph.tokenRequests().size()).append(".\n");
            }
        }
        return out.toString();
    }

    private static void run(ServerNotifier global, int n, int threads, AtomicInteger sequence) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<SendResult>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = sequence.getAndIncrement();
                results.add(pool.submit(() -> global.sendEmail(mail(id))));
            }
            for (Future<SendResult> result : results) {
                if (!result.get().isAccepted()) {
                    throw new IllegalStateException("not accepted: " + result.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static EmailMessage mail(int id) {
        return EmailMessage.builder().to("alice@contoso.example").subject("benchmark " + id)
                .text("x".repeat(2000)).build();
    }
}
