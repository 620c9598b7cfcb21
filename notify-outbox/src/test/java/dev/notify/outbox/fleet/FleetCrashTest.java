package dev.notify.outbox.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.JdbcJournal;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.support.Eventually;
import dev.notify.outbox.support.Postgres;
import dev.notify.settings.Settings;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four JVMs share one PostgreSQL journal and deliver 4,000 messages to a test SMTP server, while one of them is
 * killed with SIGKILL every 400 deliveries and started again: 8 kills, each JVM killed twice. With the system property
 * {@code notify.fleet.full=true} they deliver 20,000 (a kill every 2,000, a few seconds), the same 8 kills over more
 * traffic; {@code notify.fleet.messages} sets another count (a kill every tenth). Nothing may be lost; a message arrives twice only when its attempt
 * was in flight in a killed JVM (its row still claimed by that JVM after the kill), so there are at most as many
 * duplicates as the killed JVMs held claims, and never more than kills x (workers + record batch: accepted
 * messages whose outcomes wait to be recorded together); every copy carries the Message-ID
 * the message was enqueued with.
 */
class FleetCrashTest {

    private static final int MESSAGES = Integer.getInteger("notify.fleet.messages",
            Boolean.getBoolean("notify.fleet.full") ? 20_000 : 4_000);
    private static final int JVMS = 4;
    private static final int WORKERS = 4;
    private static final int RECORD_BATCH = 64;
    private static final int KILL_EVERY = MESSAGES / 10;
    private static final String LEASE_MS = "10000";
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain()
            .withFault(SmtpFault.endOfData().delay(Duration.ofMillis(2)));

    @TempDir
    Path directory;

    @Test
    void fourJvmsDeliverEverythingWhileOneIsKilledEveryFewSecondsWithDuplicatesOnlyForAttemptsInFlight()
            throws Exception {
        String table = Postgres.newTable();
        Map<String, Integer> seqOfId = enqueue(table);
        Map<Integer, String> messageIds = new HashMap<>();
        try (var journal = JdbcJournal.builder(Postgres.pooled()).table(table).build()) {
            for (OutboxEntry e : journal.list(EnumSet.of(OutboxState.PENDING), Integer.MAX_VALUE)) {
                messageIds.put(seqOfId.get(e.id()), e.messageId());
            }
        }
        assertThat(messageIds).hasSize(MESSAGES);
        String settings = Fleet.settings(smtp, directory, Map.of()).toString();
        String url = Postgres.jdbcUrl();
        List<FleetJvm> fleet = new ArrayList<>();
        int kills = 0;
        long claimedAtKills = 0;
        try {
            for (int i = 0; i < JVMS; i++) {
                fleet.add(FleetJvm.start("crash-" + i, url, table, LEASE_MS, settings, Integer.toString(WORKERS),
                        Integer.toString(RECORD_BATCH)));
            }
            for (long next = KILL_EVERY; next < MESSAGES - KILL_EVERY; next += KILL_EVERY) {
                long threshold = next;
                Eventually.await(threshold + " delivered", LIMIT, () -> Fleet.finished(table) >= threshold);
                int victim = kills % JVMS;
                FleetJvm killed = fleet.get(victim);
                killed.kill();
                kills++;
                claimedAtKills += Fleet.count("SELECT count(*) FROM %s_queue WHERE lease_owner LIKE ?", table,
                        killed.pid() + "@%");
                fleet.set(victim, FleetJvm.start("crash-" + victim + "-after-kill-" + kills, url, table, LEASE_MS,
                        settings, Integer.toString(WORKERS), Integer.toString(RECORD_BATCH)));
            }
            Eventually.await("every message finished", LIMIT, () -> Fleet.waiting(table) == 0);
        } finally {
            for (FleetJvm jvm : fleet) {
                jvm.close();
            }
        }

        List<EmailMessage> received = smtp.messages();
        Map<Integer, Integer> copies = new HashMap<>();
        for (EmailMessage m : received) {
            int seq = Integer.parseInt(m.subject().substring("fleet ".length()));
            assertThat(m.messageId()).as("Message-ID of message " + seq).contains(messageIds.get(seq));
            copies.merge(seq, 1, Integer::sum);
        }
        int duplicates = received.size() - copies.size();
        System.out.printf("%s: %d messages, %d JVMs x %d workers, %d kills, %d claims held by killed JVMs, "
                + "%d duplicates (each with its original Message-ID), %d ACCEPTED%n", getClass().getSimpleName(),
                MESSAGES, JVMS, WORKERS, kills, claimedAtKills, duplicates,
                Fleet.count("SELECT count(*) FROM %s_done WHERE state = 'ACCEPTED'", table));
        assertThat(copies.keySet()).as("nothing lost").hasSize(MESSAGES);
        assertThat(kills).isGreaterThanOrEqualTo(5);
        assertThat(duplicates).as("duplicates, at most the claims the killed JVMs held")
                .isLessThanOrEqualTo((int) claimedAtKills).isLessThanOrEqualTo(kills * (WORKERS + RECORD_BATCH));
        assertThat(Fleet.count("SELECT count(*) FROM %s_done WHERE state <> 'ACCEPTED'", table)).isZero();
    }

    /** Enqueues the messages from 16 threads in this JVM, not delivering; returns each outbox id's sequence number. */
    private Map<String, Integer> enqueue(String table) throws Exception {
        Map<String, Integer> seqOfId = new java.util.concurrent.ConcurrentHashMap<>();
        try (Notifier notifier = Notifier.builder().settings(Settings.of(smtp.layer())).build();
                DurableOutbox outbox = DurableOutbox.builder(notifier).delivering(false)
                        .journal(JdbcJournal.builder(Postgres.pooled()).table(table).build()).build()) {
            ExecutorService threads = Executors.newFixedThreadPool(16);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                done.add(threads.submit(() -> {
                    for (int seq = next.getAndIncrement(); seq < MESSAGES; seq = next.getAndIncrement()) {
                        seqOfId.put(outbox.global().enqueueEmail(EmailMessage.builder().to("user" + seq + "@example.com")
                                .subject("fleet " + seq).text("Message " + seq + " of the fleet test.").build()), seq);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            threads.shutdown();
        }
        return seqOfId.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
