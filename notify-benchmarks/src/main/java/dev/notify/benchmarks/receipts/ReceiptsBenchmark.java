package dev.notify.benchmarks.receipts;

import dev.notify.DeliveryState;
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
import java.util.Optional;
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
        } catch (Exception e) {
            e.printStackTrace();
            System.out.println("FAILED: " + e);
            System.exit(1);
        }
    }

    /** SMS sent for one run, and the check that their receipts all arrived where the row says. */
    private record Batch(List<SentSms> sent, Runnable check) {
    }

    /** Sends N SMS for a run and says how its receipts are checked. */
    @FunctionalInterface
    private interface Sends {
        Batch send(int n) throws Exception;
    }

    static String report(Path work, int n, int threads) throws Exception {
        List<Double> journalled;
        List<Double> trackerOnly;
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
                journalled = runs(twilio, m -> throughOutbox(twilio, outbox, m), n, threads);
            }
            try (Notifier notifier = Notifier.builder().settings(Settings.of(layer)).build()) {
                mounted.set(DeliveryReceiptHandler.create(notifier));
                trackerOnly = runs(twilio, m -> direct(twilio, notifier, m), n, threads);
            }
        } finally {
            twilio.close();
            delete(work);
        }
        double median = median(journalled);
        StringBuilder out = new StringBuilder("## SMS delivery receipts\n\n");
        out.append("Verified Twilio status callbacks handled per second by `DeliveryReceiptHandler` on the JDK's HTTP ")
                .append("server (loopback, ").append(threads).append(" server threads), ").append(threads)
                .append(" client threads posting; per run N = ").append(n).append(" SMS sent through the test kit's ")
                .append("Twilio stub, then 3 callbacks each (queued, sent, delivered; signed with the auth token, ")
                .append("interleaved across messages): each verified (HMAC-SHA1, constant-time) and applied forward ")
                .append("only. Row `file`: the SMS were sent by a durable outbox on the file journal, and each ")
                .append("callback that moves a status is journalled on the outbox entry (fsync, group commit); every ")
                .append("entry checked ACCEPTED with delivery DELIVERED. Row `none`: the same endpoint with the SMS ")
                .append("sent directly, no outbox and no journal (the notifier's tracker only), which separates ")
                .append("verification from the disk; every message checked DELIVERED in the tracker. Median of ")
                .append(RUNS).append(" runs after a warm-up run; every callback answered 200.\n\n")
                .append("| journal | C | callbacks/s | runs (callbacks/s) |\n|---|---:|---:|---|\n")
                .append(row("file", threads, journalled))
                .append(row("none (tracker only)", threads, trackerOnly));
        out.append(String.format(Locale.ROOT, "%nTarget >= %.0f verified callbacks/s at C = 4 on the file journal: "
                + "%s.%n", TARGET, median >= TARGET ? "met" : "MISSED"));
        return out.toString();
    }

    private static List<Double> runs(TwilioServerExtension twilio, Sends sends, int n, int threads) throws Exception {
        List<Double> runs = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            double rate = run(twilio, sends.send(n), threads);
            if (run > 0) {
                runs.add(rate);
            }
        }
        return runs;
    }

    private static double median(List<Double> runs) {
        return runs.stream().sorted().toList().get(runs.size() / 2);
    }

    private static String row(String journal, int threads, List<Double> runs) {
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %s |%n", journal, threads, median(runs),
                String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList()));
    }

    private static SmsMessage passcode(int i) {
        return SmsMessage.of("+1555" + String.format("%07d", i), "Your passcode is 424242.");
    }

    /** N SMS through the outbox, sent once none waits; checked ACCEPTED and DELIVERED in the journal. */
    private static Batch throughOutbox(TwilioServerExtension twilio, DurableOutbox outbox, int n) throws Exception {
        int before = twilio.messages().size();
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(outbox.global().enqueueSms(passcode(i)));
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (outbox.counts().get(OutboxState.PENDING) + outbox.counts().get(OutboxState.RETRYING) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the outbox did not send the SMS within 2 minutes");
            }
            Thread.sleep(20);
        }
        return new Batch(twilio.messages().subList(before, twilio.messages().size()), () -> {
            long delivered = entries.stream().map(id -> outbox.find(id).orElseThrow())
                    .filter(e -> e.state() == OutboxState.ACCEPTED
                            && e.delivery().equals(Optional.of(DeliveryStatus.DELIVERED))).count();
            if (delivered != n) {
                throw new IllegalStateException(delivered + " of " + n + " entries ended DELIVERED");
            }
            outbox.purge(EnumSet.allOf(OutboxState.class));
        });
    }

    /** N SMS sent directly; checked DELIVERED in the notifier's tracker. */
    private static Batch direct(TwilioServerExtension twilio, Notifier notifier, int n) {
        int before = twilio.messages().size();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(notifier.global().sendSms(passcode(i)).messageId().orElseThrow());
        }
        return new Batch(twilio.messages().subList(before, twilio.messages().size()), () -> {
            long delivered = ids.stream().filter(id -> notifier.deliveries().find(id).map(DeliveryState::status)
                    .equals(Optional.of(DeliveryStatus.DELIVERED))).count();
            if (delivered != n) {
                throw new IllegalStateException(delivered + " of " + n + " messages ended DELIVERED in the tracker");
            }
        });
    }

    private static double run(TwilioServerExtension twilio, Batch batch, int threads) throws Exception {
        List<List<StatusCallback>> perMessage = new ArrayList<>();
        for (SentSms sms : batch.sent()) {
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
        batch.check().run();
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
