package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.FailureClass;
import dev.notify.outbox.FileJournal;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.spi.Journal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxCommandsTest {

    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path directory;

    /** One message waiting, one failed for good. */
    @BeforeEach
    void journal() {
        try (Journal journal = FileJournal.in(directory)) {
            journal.append(entry("waiting"), "x".getBytes(StandardCharsets.UTF_8));
            OutboxEntry refused = entry("refused");
            journal.append(refused, "y".getBytes(StandardCharsets.UTF_8));
            journal.claimDue(T, 10).stream().filter(c -> c.entry().id().equals("waiting"))
                    .forEach(c -> journal.release(c.entry().id()));
            journal.update(refused.finished(OutboxState.FAILED, 1, Optional.of(FailureClass.PERMANENT),
                    Optional.of("554 5.7.1 relay denied"), List.of(), List.of(), T, T.plusSeconds(86_400)), null);
        }
    }

    private static OutboxEntry entry(String id) {
        return OutboxEntry.pending(id, Optional.of("eu-1"), Channel.EMAIL, "<" + id + "@example.com>", T);
    }

    @Test
    void listCountsByStateAndShowsWaitingAndFailedMessagesWithTheirReason() {
        CliRun run = CliRun.of("outbox", "list", "--journal", directory.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("PENDING=1").contains("FAILED=1")
                .contains("waiting  PENDING  email  eu-1  <waiting@example.com>")
                .contains("refused  FAILED").contains("554 5.7.1 relay denied");
    }

    @Test
    void listAsJsonWorksWhileTheApplicationOwnsTheJournal() {
        try (Journal owner = FileJournal.in(directory)) {
            CliRun run = CliRun.of("outbox", "list", "--journal", directory.toString(), "--state", "failed", "--json");

            assertThat(run.exitCode()).isZero();
            assertThat(run.json().get("counts").get("PENDING").asInt()).isEqualTo(1);
            assertThat(run.json().get("entries")).hasSize(1);
            assertThat(run.json().get("entries").get(0).get("reason").asText()).isEqualTo("554 5.7.1 relay denied");
            assertThat(owner.find("refused")).isPresent();
        }
    }

    @Test
    void retryQueuesAFailedMessageAgain() {
        CliRun run = CliRun.of("outbox", "retry", "--journal", directory.toString(), "refused");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Queued again: 1");
        try (Journal journal = FileJournal.in(directory)) {
            assertThat(journal.find("refused").orElseThrow().state()).isEqualTo(OutboxState.PENDING);
        }
    }

    @Test
    void retryOfAMessageThatDidNotFailIsAnInvalidUsage() {
        CliRun run = CliRun.of("outbox", "retry", "--journal", directory.toString(), "waiting");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("not a failed message: waiting");
    }

    @Test
    void retryAllFailedNamesTheFailedMessagesWhoseContentIsLostInsteadOfCallingThemNotFailed() throws Exception {
        Path segment = directory.resolve("segment-000000000001.log");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(secondRecord(segment) + 40);
            file.write(0x5a);
        }

        CliRun list = CliRun.of("outbox", "list", "--journal", directory.toString());
        CliRun run = CliRun.of("outbox", "retry", "--journal", directory.toString(), "--all-failed");

        assertThat(list.out()).contains("refused");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("Queued again: 0").contains("no longer holds their content")
                .contains(": refused").doesNotContain("not a failed message");
    }

    /** Where the second record (the failed message's content) starts: after the header and the first record. */
    private static long secondRecord(Path segment) throws java.io.IOException {
        byte[] bytes = java.nio.file.Files.readAllBytes(segment);
        return 12 + 8 + java.nio.ByteBuffer.wrap(bytes, 12, 4).getInt();
    }

    @Test
    void purgeRemovesFailedMessagesForGood() {
        CliRun run = CliRun.of("outbox", "purge", "--journal", directory.toString(), "--state", "failed");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Removed: 1");
        try (Journal journal = FileJournal.in(directory)) {
            assertThat(journal.find("refused")).isEmpty();
            assertThat(journal.find("waiting")).isPresent();
        }
    }

    @Test
    void changingAJournalTheApplicationOwnsFailsSayingSo() {
        try (Journal owner = FileJournal.in(directory)) {
            CliRun run = CliRun.of("outbox", "retry", "--journal", directory.toString(), "--all-failed");

            assertThat(run.exitCode()).isEqualTo(4);
            assertThat(run.err()).startsWith("Journal error: ").contains("is in use by another process");
            assertThat(owner.find("refused").orElseThrow().state()).isEqualTo(OutboxState.FAILED);
        }
    }

    @Test
    void unknownStateIsAnInvalidUsage() {
        CliRun run = CliRun.of("outbox", "list", "--journal", directory.toString(), "--state", "lost");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.all()).contains("'lost' is not one of");
    }

    @Test
    void statsCountByStateAndShowTheOldestDueMessage() {
        Instant past = Instant.parse("2020-01-01T00:00:00Z");
        try (Journal journal = FileJournal.in(directory)) {
            journal.append(OutboxEntry.pending("overdue", Optional.empty(), Channel.EMAIL, "<overdue@example.com>", past),
                    "z".getBytes(StandardCharsets.UTF_8));
        }

        CliRun run = CliRun.of("outbox", "stats", "--journal", directory.toString(), "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.json().get("counts").get("PENDING").asInt()).isEqualTo(2);
        assertThat(run.json().get("counts").get("FAILED").asInt()).isEqualTo(1);
        assertThat(run.json().get("oldestDue").asText()).isEqualTo(past.toString());
        assertThat(run.json().get("oldestDueAgeSeconds").asLong()).isPositive();
        assertThat(run.json().get("pausedServers")).isEmpty();
    }

    @Test
    void pauseKeepsAServersMessagesQueuedUntilResume() {
        CliRun paused = CliRun.of("outbox", "pause", "--journal", directory.toString(), "--server", "eu-1");

        assertThat(paused.exitCode()).isZero();
        assertThat(paused.out()).contains("Paused: eu-1");
        assertThat(CliRun.of("outbox", "stats", "--journal", directory.toString()).out())
                .contains("Paused servers: eu-1");
        try (Journal journal = FileJournal.in(directory)) {
            assertThat(journal.claimDue(T, 10)).isEmpty();
        }

        CliRun resumed = CliRun.of("outbox", "resume", "--journal", directory.toString(), "--server", "eu-1");

        assertThat(resumed.exitCode()).isZero();
        try (Journal journal = FileJournal.in(directory)) {
            assertThat(journal.claimDue(T, 10)).extracting(c -> c.entry().id()).containsExactly("waiting");
        }
    }

    @Test
    void pauseWithoutAServerIsAnInvalidUsage() {
        CliRun run = CliRun.of("outbox", "pause", "--journal", directory.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--server NAME");
    }
}
