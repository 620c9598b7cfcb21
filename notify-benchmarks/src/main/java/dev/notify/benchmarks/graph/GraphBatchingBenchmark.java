package dev.notify.benchmarks.graph;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.ServerNotifier;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.graph.GraphServerExtension;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput of Graph's JSON batching and of large uploads against the test kit's Graph stub (in this JVM): msg/s at
 * C = 1 and 4 requests in flight ({@code email.graph.max-concurrent-requests}), single (C threads sending
 * synchronously, one sendMail each) against batched (asynchronous sends, queued ones carried in {@code $batch}es of up
 * to 20), with the stub answering at once and after 20 ms per request (a round trip to a real Graph is longer); and
 * the MB/s of one large attachment through the draft path's upload session.
 */
final class GraphBatchingBenchmark {

    private static final long MB = 1024 * 1024;

    private GraphBatchingBenchmark() {
    }

    /** Prints the rows alone: {@code [N [upload MB]]}, default 400 and 150. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        long uploadMb = args.length > 1 ? Long.parseLong(args[1]) : 150;
        try {
            System.out.print(report(n, uploadMb));
            System.exit(0);
        } catch (IllegalStateException e) {
            System.out.println("MISMATCH: " + e.getMessage());
            System.exit(3);
        }
    }

    /**
     * @throws IllegalStateException when the stub did not receive exactly the messages sent
     */
    static String report(int n, long uploadMb) throws Exception {
        StringBuilder out = new StringBuilder("\n### Graph JSON batching and large uploads\n\n")
                .append("Single: C threads each send synchronously (one sendMail per message). Batched: ").append(n)
                .append(" asynchronous sends on 80 notifier threads, the queued ones carried in $batch requests of ")
                .append("up to 20. C = Graph requests in flight (email.graph.max-concurrent-requests). N = ").append(n)
                .append(" per run after a warm-up run; stub delay = the stub's wait before answering each HTTP ")
                .append("request (a batch waits once).\n\n")
                .append("| stub delay | C | single msg/s | batched msg/s | batched / single | requests per message (batched) |\n")
                .append("|---:|---:|---:|---:|---:|---:|\n");
        try (GraphServerExtension graph = GraphServerExtension.create().start()) {
            AtomicInteger sequence = new AtomicInteger();
            for (Duration delay : List.of(Duration.ZERO, Duration.ofMillis(20))) {
                graph.sendMailDelay(delay);
                for (int c : List.of(1, 4)) {
                    try (Notifier notifier = notifier(graph, c)) {
                        ServerNotifier global = notifier.global();
                        single(global, n, c, sequence, graph);
                        double single = single(global, n, c, sequence, graph);
                        batched(global, n, sequence, graph);
                        int batchesBefore = graph.batchSizes().size();
                        int requestsBefore = graph.sendMailRequestCount();
                        double batched = batched(global, n, sequence, graph);
                        int batches = graph.batchSizes().size() - batchesBefore;
                        int batchedMembers = graph.batchSizes().subList(batchesBefore, graph.batchSizes().size())
                                .stream().mapToInt(Integer::intValue).sum();
                        int singles = graph.sendMailRequestCount() - requestsBefore - batchedMembers;
                        out.append(String.format(Locale.ROOT, "| %d ms | %d | %.0f | %.0f | %.1fx | %.3f |%n",
                                delay.toMillis(), c, single, batched, batched / single,
                                (batches + singles) / (double) n));
                    }
                }
            }
            out.append("\nMessages received twice (an attempt timed out after the stub accepted it, and was retried): ")
                    .append(duplicates).append(".\n");
            graph.sendMailDelay(Duration.ZERO);
            graph.roles("Mail.Send", "Mail.ReadWrite");
            try (Notifier notifier = notifier(graph, 4)) {
                long start = System.nanoTime();
                SendResult result = notifier.global().sendEmail(EmailMessage.builder().to("alice@contoso.example")
                        .subject("large upload").text("attached")
                        .attach(Attachment.streamed("archive.bin", "application/octet-stream", uploadMb * MB,
                                () -> new Zeros(uploadMb * MB))).build());
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!result.isAccepted() || graph.uploads().isEmpty() || !graph.uploads().get(0).complete()) {
                    throw new IllegalStateException("the large upload did not complete: " + result);
                }
                out.append(String.format(Locale.ROOT, "%nLarge upload: one %d MB attachment through the draft path "
                        + "(create draft, upload session in %s chunks of 3840 KiB, send) in %.2f s: %.1f MB/s.%n",
                        uploadMb, result.details().get("graph.upload-chunks"), seconds, uploadMb / seconds));
            }
        }
        return out.toString();
    }

    private static Notifier notifier(GraphServerExtension graph, int concurrentRequests) {
        Layer layer = Layer.builder(graph.layer())
                .set("email.graph.max-concurrent-requests", String.valueOf(concurrentRequests))
                .set("email.graph.max-message-mb", "150").set("email.graph.read-timeout", "120s").build();
        return Notifier.builder().settings(Settings.builder().global(layer).build())
                .asyncThreads(80).asyncQueueCapacity(100_000).build();
    }

    private static double single(ServerNotifier global, int n, int threads, AtomicInteger sequence,
            GraphServerExtension graph) throws Exception {
        int before = graph.messages().size();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
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
        double seconds = (System.nanoTime() - start) / 1e9;
        check(graph, before, n);
        return n / seconds;
    }

    private static double batched(ServerNotifier global, int n, AtomicInteger sequence, GraphServerExtension graph)
            throws Exception {
        int before = graph.messages().size();
        long start = System.nanoTime();
        List<CompletableFuture<SendResult>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(global.sendEmailAsync(mail(sequence.getAndIncrement())));
        }
        for (CompletableFuture<SendResult> result : results) {
            if (!result.get().isAccepted()) {
                throw new IllegalStateException("not accepted: " + result.get());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(graph, before, n);
        return n / seconds;
    }

    /**
     * Every message sent arrived: a message may arrive twice when an attempt timed out after the stub accepted it and
     * was retried (at-least-once, as with Graph itself); those are counted, not refused.
     */
    private static void check(GraphServerExtension graph, int before, int n) {
        List<EmailMessage> received = graph.messages();
        long distinct = received.subList(before, received.size()).stream().map(EmailMessage::subject).distinct().count();
        if (distinct != n) {
            throw new IllegalStateException("the stub received " + distinct + " distinct messages, not " + n);
        }
        duplicates += received.size() - before - n;
    }

    private static int duplicates;

    private static EmailMessage mail(int id) {
        return EmailMessage.builder().to("alice@contoso.example").subject("benchmark " + id)
                .text("x".repeat(2000)).build();
    }

    /** {@code size} zero bytes, made up as they are read. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
