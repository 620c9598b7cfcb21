package dev.notify.outbox.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.EmailMessage;
import dev.notify.outbox.FileJournal;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.spi.Journal;
import dev.notify.outbox.support.Eventually;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's duplicate bound, measured: a JVM delivering with 4 workers is killed with SIGKILL several times, and
 * after each kill the messages that the SMTP server holds but the journal still has as not delivered are counted.
 * Each is sent again on the next start; the README promises at most {@code max(recordBatch, 2 x workers)}.
 */
class DuplicateBoundCrashTest {

    private static final int WORKERS = 4;
    private static final int RECORD_BATCH = 4;
    private static final int BOUND = Math.max(RECORD_BATCH, 2 * WORKERS);
    private static final int MESSAGES = 2000;
    private static final int KILLS = 4;
    private static final int DELIVERIES_BEFORE_KILL = 120;
    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final Set<OutboxState> NOT_DELIVERED = EnumSet.of(OutboxState.PENDING, OutboxState.RETRYING);

    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain()
            .withFault(SmtpFault.endOfData().delay(Duration.ofMillis(3)));

    @TempDir
    Path directory;

    @Test
    void aKillLeavesAtMostTheDocumentedBoundOfAcceptedButUnrecordedMessages() throws Exception {
        Path settings = settings();
        Path journal = directory.resolve("journal");
        List<Integer> counts = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            String count = kill == 1 ? Integer.toString(MESSAGES) : "0";
            try (ChildJvm child = ChildJvm.start(log("kill-" + kill), "file", journal.toString(), settings.toString(),
                    count, "0", Integer.toString(WORKERS), Integer.toString(RECORD_BATCH))) {
                if (kill == 1) {
                    assertThat(child.awaitEnqueued(LIMIT)).as("the first JVM enqueued everything").isTrue();
                }
                int before = smtp.rawMessages().size();
                Eventually.await("deliveries under way", LIMIT,
                        () -> smtp.rawMessages().size() >= before + DELIVERIES_BEFORE_KILL);
                child.kill();
            }
            int duplicates = heldButNotRecorded(journal);
            counts.add(duplicates);
            System.out.printf("%s: kill %d: bound %d (max(recordBatch, 2 x workers)), measured %d messages on the server whose "
                    + "journal entry is not delivered%n", getClass().getSimpleName(), kill, BOUND, duplicates);
        }
        assertThat(smtp.rawMessages().size()).as("killed while delivering").isLessThan(MESSAGES + KILLS * BOUND);
        assertThat(counts).as("per kill, the accepted messages the journal has not recorded").allSatisfy(
                c -> assertThat(c).isLessThanOrEqualTo(BOUND));
    }

    private int heldButNotRecorded(Path journal) {
        Set<String> held = smtp.messages().stream().map(EmailMessage::messageId).flatMap(java.util.Optional::stream)
                .collect(Collectors.toSet());
        try (Journal readOnly = FileJournal.builder(journal).readOnly().open()) {
            List<OutboxEntry> waiting = readOnly.list(NOT_DELIVERED, Integer.MAX_VALUE);
            return (int) waiting.stream().filter(e -> held.contains(e.messageId())).count();
        }
    }

    private static Path log(String name) throws IOException {
        return ChildJvm.log("duplicate-bound-" + name);
    }

    private Path settings() throws IOException {
        return ChildJvm.settings(smtp, directory);
    }
}
