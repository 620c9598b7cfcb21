package dev.notify.benchmarks.receipts;

import dev.notify.DeliveryStatus;
import dev.notify.Notifier;
import dev.notify.message.SmsMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.FileJournal;
import dev.notify.outbox.OutboxState;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.sms.http.DeliveryReceiptHandler;
import dev.notify.testkit.sms.SentSms;
import dev.notify.testkit.sms.StatusCallback;
import dev.notify.testkit.sms.StatusCallbacks;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.web.jdk.JdkWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * SMS delivery receipts: verified status callbacks handled per second by {@link DeliveryReceiptHandler} on the JDK's
 * HTTP server (loopback), C client threads posting Twilio-signed callbacks (queued, sent, delivered per message) for
 * SMS a durable outbox on the file journal sent through the test kit's Twilio stub. Each callback is verified
 * (HMAC-SHA1), applied to the notifier's tracker and, when it moves the status, journalled on the outbox entry
 * (fsync, group commit). Prints a markdown section; exits 3 when a callback was not answered 200 or a message did not
 * end DELIVERED in the journal.
 *
 * <p>Arguments: a work directory, N (messages per run), C (client threads).
 */
public final class ReceiptsBenchmark {

    private static final int RUNS = 3;
    private static final double TARGET = 5000;

    private ReceiptsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int c = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try {
            System.out.print(report(work, n, c));
            System.exit(0);
        } catch (IllegalStateException e) {
            System.out.println("FAILED: " + e.getMessage());
            System.exit(3);
        }
    }

    static String report(Path work, int n, int threads) throws Exception {
        List<Double> runs = new ArrayList<>();
        TwilioServerExtension twilio = TwilioServerExtension.create();
        twilio.start();
        AtomicReference<DeliveryReceiptHandler> mounted = new AtomicReference<>();
        try (JdkWebServer server = JdkWebServer.builder(request -> mounted.get().handle(request)).threads(threads)
                .queueCapacity(1000).build().start()) {
            Layer layer = Layer.builder(twilio.layer())
                    .set("sms.receipts.public-base-url", server.uri().toString()).build();
            try (Notifier notifier = Notifier.builder().settings(Settings.of(layer)).build();
                    DurableOutbox outbox = DurableOutbox.builder(notifier)
                            .journal(FileJournal.in(work.resolve("journal"))).workers(4).build()) {
                mounted.set(DeliveryReceiptHandler.create(notifier));
                for (int run = 0; run <= RUNS; run++) {
                    double rate = run(twilio, outbox, n, threads);
                    if (run > 0) {
                        runs.add(rate);
                    }
                }
            }
        } finally {
            twilio.close();
            delete(work);
        }
        double median = runs.stream().sorted().toList().get(runs.size() / 2);
        StringBuilder out = new StringBuilder("## SMS delivery receipts\n\n");
        out.append("Verified Twilio status callbacks handled per second by `DeliveryReceiptHandler` on the JDK's HTTP ")
                .append("server (loopback, ").append(threads).append(" server threads), ").append(threads)
                .append(" client threads posting; per run N = ").append(n).append(" SMS sent by a durable outbox on ")
                .append("the file journal through the test kit's Twilio stub, then 3 callbacks each (queued, sent, ")
                .append("delivered; signed with the auth token, interleaved across messages): each verified ")
                .append("(HMAC-SHA1, constant-time), applied forward only, and journalled on the outbox entry when it ")
                .append("moves its status (fsync, group commit). Median of ").append(RUNS)
                .append(" runs after a warm-up run; every run checked: every callback answered 200, every entry ")
                .append("ACCEPTED with delivery DELIVERED in the journal.\n\n")
                .append("| journal | C | callbacks/s | runs (callbacks/s) |\n|---|---:|---:|---|\n");
        out.append(String.format(Locale.ROOT, "| file | %d | %.0f | %s |%n", threads, median,
                String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList())));
        out.append(String.format(Locale.ROOT, "%nTarget >= %.0f verified callbacks/s at C = 4 on the file journal: "
                + "%s.%n", TARGET, median >= TARGET ? "met" : "MISSED"));
        return out.toString();
    }

    private static double run(TwilioServerExtension twilio, DurableOutbox outbox, int n, int threads)
            throws Exception {
        int before = twilio.messages().size();
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(outbox.global().enqueueSms(SmsMessage.of("+1555" + String.format("%07d", i),
                    "Your passcode is 424242.")));
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (outbox.counts().get(OutboxState.PENDING) + outbox.counts().get(OutboxState.RETRYING) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the outbox did not send the SMS within 2 minutes");
            }
            Thread.sleep(20);
        }
        List<SentSms> sent = twilio.messages().subList(before, twilio.messages().size());
        List<List<StatusCallback>> perMessage = new ArrayList<>();
        for (SentSms sms : sent) {
            perMessage.add(twilio.statusCallbacks(sms).statuses("queued", "sent", "delivered").build());
        }
        List<StatusCallback> callbacks = new ArrayList<>();
        for (int step = 0; step < 3; step++) {
            for (List<StatusCallback> message : perMessage) {
                callbacks.add(message.get(step));
            }
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger notOk = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < callbacks.size(); i = next.getAndIncrement()) {
                    if (StatusCallbacks.send(callbacks.get(i)) != 200) {
                        notOk.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (notOk.get() > 0) {
            throw new IllegalStateException(notOk.get() + " callbacks were not answered 200");
        }
        long delivered = entries.stream().map(id -> outbox.find(id).orElseThrow())
                .filter(e -> e.state() == OutboxState.ACCEPTED && e.delivery().equals(
                        java.util.Optional.of(DeliveryStatus.DELIVERED))).count();
        if (delivered != n) {
            throw new IllegalStateException(delivered + " of " + n + " entries ended DELIVERED");
        }
        outbox.purge(EnumSet.allOf(OutboxState.class));
        return callbacks.size() / seconds;
    }

    private static void delete(Path work) throws java.io.IOException {
        if (!Files.exists(work)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
