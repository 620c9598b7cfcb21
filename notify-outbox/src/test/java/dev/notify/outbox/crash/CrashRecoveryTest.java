package dev.notify.outbox.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.EmailMessage;
import dev.notify.outbox.support.Eventually;
import dev.notify.outbox.support.Postgres;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM enqueues 2,000 messages and is killed with SIGKILL while it delivers them; another JVM on the same journal
 * delivers the rest. Every acknowledged message must arrive at least once, and every copy must carry the
 * Message-ID the first JVM acknowledged. The SMTP server answers each message after 3 ms, so the first JVM is
 * still delivering when it has enqueued everything.
 */
class CrashRecoveryTest {

    private static final int MESSAGES = 2000;
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain()
            .withFault(SmtpFault.endOfData().delay(Duration.ofMillis(3)));

    @TempDir
    Path directory;

    @Test
    void messagesOfAKilledJvmAreDeliveredByTheNextOneOnTheSameFileJournal() throws Exception {
        Path settings = settings();
        String journal = directory.resolve("journal").toString();
        Map<Integer, String> acknowledged;
        try (ChildJvm first = ChildJvm.start(log("first"), "file", journal, settings.toString(),
                Integer.toString(MESSAGES), "0")) {
            assertThat(first.awaitEnqueued(LIMIT)).as("the first JVM enqueued everything").isTrue();
            Eventually.await("deliveries started", LIMIT, () -> smtp.rawMessages().size() >= 50);
            first.kill();
            acknowledged = Map.copyOf(first.acknowledged);
        }
        int beforeCrash = smtp.rawMessages().size();
        assertThat(beforeCrash).as("killed while delivering").isLessThan(MESSAGES);

        try (ChildJvm second = ChildJvm.start(log("second"), "file", journal, settings.toString(),
                "0", "0")) {
            assertThat(second.awaitIdle(LIMIT)).as("the second JVM delivered the rest").isTrue();
        }

        assertDeliveredAtLeastOnceWithTheirMessageIds(acknowledged, beforeCrash);
    }

    @Test
    void messagesOfAKilledJvmAreTakenOverByTheOtherJvmSharingTheDatabase() throws Exception {
        Path settings = settings();
        String table = Postgres.newTable();
        String url = Postgres.jdbcUrl();
        Map<Integer, String> acknowledged = new HashMap<>();
        try (ChildJvm killed = ChildJvm.start(log("killed"), "jdbc", url, table, "2000",
                settings.toString(), Integer.toString(MESSAGES / 2), "0");
                ChildJvm survivor = ChildJvm.start(log("survivor"), "jdbc", url, table, "2000",
                        settings.toString(), Integer.toString(MESSAGES / 2), Integer.toString(MESSAGES / 2))) {
            assertThat(killed.awaitEnqueued(LIMIT)).as("the first JVM enqueued its half").isTrue();
            Eventually.await("deliveries started", LIMIT, () -> smtp.rawMessages().size() >= 50);
            killed.kill();
            int beforeCrash = smtp.rawMessages().size();
            assertThat(beforeCrash).as("killed while delivering").isLessThan(MESSAGES);

            assertThat(survivor.awaitIdle(LIMIT)).as("the survivor delivered the rest").isTrue();
            acknowledged.putAll(killed.acknowledged);
            acknowledged.putAll(survivor.acknowledged);
            assertDeliveredAtLeastOnceWithTheirMessageIds(acknowledged, beforeCrash);
        }
    }

    private void assertDeliveredAtLeastOnceWithTheirMessageIds(Map<Integer, String> acknowledged, int beforeCrash) {
        assertThat(acknowledged).hasSize(MESSAGES);
        List<EmailMessage> received = smtp.messages();
        Map<Integer, Integer> copies = new HashMap<>();
        for (EmailMessage m : received) {
            int seq = Integer.parseInt(m.subject().substring("crash-test ".length()));
            assertThat(m.messageId()).as("Message-ID of message " + seq).contains(acknowledged.get(seq));
            copies.merge(seq, 1, Integer::sum);
        }
        assertThat(copies.keySet()).as("every acknowledged message arrived").containsAll(acknowledged.keySet());
        long duplicates = received.size() - copies.size();
        System.out.printf("%s: %d messages, %d received before the kill, %d duplicates (each with its original's "
                + "Message-ID)%n", getClass().getSimpleName(), acknowledged.size(), beforeCrash, duplicates);
    }

    private static Path log(String name) throws IOException {
        return ChildJvm.log("" + name);
    }

    private Path settings() throws IOException {
        return ChildJvm.settings(smtp, directory);
    }
}
