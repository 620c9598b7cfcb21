package dev.notify.outbox.crash;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.DurableOutboxBuilder;
import dev.notify.outbox.FileJournal;
import dev.notify.outbox.JdbcJournal;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.spi.Journal;
import dev.notify.outbox.support.Postgres;
import dev.notify.settings.FileSettingsSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The process the crash tests start and kill: builds a notifier from a settings file and an outbox on a file or
 * JDBC journal, enqueues {@code count} messages from 8 threads (printing {@code E <seq> <Message-ID>} once each
 * is acknowledged, then {@code ENQUEUED}), then delivers until nothing waits and prints {@code IDLE}.
 *
 * <p>Arguments: {@code file <dir> | jdbc <url> <table> <lease-ms>}, then the settings file, the count and the
 * first sequence number, and optionally the number of workers (2 when not given) and the record batch (the
 * builder's default when not given).
 */
public final class OutboxProcess {

    private OutboxProcess() {
    }

    public static void main(String[] args) throws Exception {
        int i = 0;
        String kind = args[i++];
        Journal journal;
        if (kind.equals("file")) {
            journal = FileJournal.in(Path.of(args[i++]));
        } else {
            journal = JdbcJournal.builder(Postgres.pooled(args[i++])).table(args[i++])
                    .lease(Duration.ofMillis(Long.parseLong(args[i++]))).build();
        }
        Path settings = Path.of(args[i++]);
        int count = Integer.parseInt(args[i++]);
        int first = Integer.parseInt(args[i++]);
        int workers = i < args.length ? Integer.parseInt(args[i++]) : 2;
        Integer recordBatch = i < args.length ? Integer.valueOf(args[i]) : null;
        PrintStream out = System.out;
        try (Notifier notifier = Notifier.builder().settings(FileSettingsSource.of(settings)).build();
                DurableOutbox outbox = builder(notifier, journal, workers, recordBatch).build()) {
            ExecutorService enqueuers = Executors.newFixedThreadPool(8);
            for (int n = first; n < first + count; n++) {
                int seq = n;
                enqueuers.execute(() -> {
                    String id = outbox.global().enqueueEmail(EmailMessage.builder().to("user" + seq + "@example.com")
                            .subject("crash-test " + seq).text("Message " + seq + " of the crash test.").build());
                    String messageId = outbox.find(id).orElseThrow().messageId();
                    synchronized (out) {
                        out.println("E " + seq + " " + messageId);
                        out.flush();
                    }
                });
            }
            enqueuers.shutdown();
            enqueuers.awaitTermination(5, TimeUnit.MINUTES);
            out.println("ENQUEUED");
            out.flush();
            while (true) {
                Map<OutboxState, Long> counts = outbox.counts();
                if (counts.get(OutboxState.PENDING) + counts.get(OutboxState.RETRYING) == 0) {
                    break;
                }
                Thread.sleep(100);
            }
            out.println("IDLE " + outbox.counts());
            out.flush();
        }
    }

    private static DurableOutboxBuilder builder(Notifier notifier, Journal journal, int workers, Integer recordBatch) {
        DurableOutboxBuilder builder = DurableOutbox.builder(notifier).journal(journal).workers(workers)
                .pollInterval(Duration.ofMillis(200));
        return recordBatch == null ? builder : builder.recordBatch(recordBatch);
    }
}
