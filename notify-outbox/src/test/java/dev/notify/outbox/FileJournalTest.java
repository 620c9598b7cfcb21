package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.outbox.spi.Journal;
import dev.notify.outbox.support.JournalBytes;
import dev.notify.outbox.support.Tmpfs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the file journal does: recovery from torn writes, locking, compaction, full and read-only disks. */
class FileJournalTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path directory;

    private static OutboxEntry pending(String id) {
        return JournalBytes.pending(id, NOW);
    }

    private static byte[] content(int size, int fill) {
        return JournalBytes.content(size, fill);
    }

    private List<Path> segments() {
        return JournalBytes.segments(directory);
    }

    @Test
    void everyAcknowledgedEntryAndItsContentIsRecoveredAfterAReopen() {
        try (Journal journal = FileJournal.in(directory)) {
            for (int i = 0; i < 50; i++) {
                journal.append(pending("m" + i), content(100 + i, i));
            }
        }

        try (Journal reopened = FileJournal.in(directory)) {
            List<Journal.Claim> claims = reopened.claimDue(NOW, 100);

            assertThat(claims).hasSize(50);
            for (Journal.Claim claim : claims) {
                int i = Integer.parseInt(claim.entry().id().substring(1));
                assertThat(claim.message()).isEqualTo(content(100 + i, i));
            }
        }
    }

    @Test
    void tornTailRecordIsSkippedOnRecoveryAndAcknowledgedRecordsSurvive() throws IOException {
        try (Journal journal = FileJournal.in(directory)) {
            journal.append(pending("a"), content(10, 1));
            journal.append(pending("b"), content(10, 2));
        }
        Path segment = segments().get(segments().size() - 1);
        byte[] whole = Files.readAllBytes(segment);
        int[] records = recordBounds(whole);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(records[1]);
            file.write(whole, records[0], (records[1] - records[0]) / 2);
        }

        try (Journal reopened = FileJournal.in(directory)) {
            assertThat(reopened.list(EnumSet.allOf(OutboxState.class), 10)).extracting(OutboxEntry::id)
                    .containsExactly("a", "b");
            reopened.append(pending("c"), content(10, 3));
        }
        try (Journal again = FileJournal.in(directory)) {
            assertThat(again.claimDue(NOW, 10)).extracting(c -> c.entry().id()).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void tailRecordFailingItsChecksumIsSkippedAndTheOthersSurvive() throws IOException {
        try (Journal journal = FileJournal.in(directory)) {
            journal.append(pending("a"), content(10, 1));
            journal.append(pending("b"), content(10, 2));
        }
        Path segment = segments().get(0);
        int end = recordBounds(Files.readAllBytes(segment))[1];
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(end - 3);
            file.write(0x55);
        }

        try (Journal reopened = FileJournal.in(directory)) {
            assertThat(reopened.list(EnumSet.allOf(OutboxState.class), 10)).extracting(OutboxEntry::id)
                    .containsExactly("a");
        }
    }

    /** Walks the frames (length, checksum, body) after the segment header: where the last starts, where they end. */
    private static int[] recordBounds(byte[] segment) {
        int position = 12;
        int last = position;
        while (position + 8 <= segment.length) {
            int length = java.nio.ByteBuffer.wrap(segment, position, 4).getInt();
            if (length == 0) {
                break;
            }
            last = position;
            position += 8 + length;
        }
        return new int[] {last, position};
    }

    @Test
    void directoryOwnedByAnotherOutboxIsRefused() {
        Journal owner = FileJournal.in(directory);
        try {
            assertThatThrownBy(() -> FileJournal.in(directory)).isInstanceOf(JournalException.class)
                    .hasMessageContaining("is in use by another process");
        } finally {
            owner.close();
        }
    }

    @Test
    void readOnlyJournalListsWhatTheOwnerWroteAndRefusesChanges() {
        try (Journal owner = FileJournal.in(directory)) {
            owner.append(pending("a"), content(10, 1));

            try (Journal viewer = FileJournal.builder(directory).readOnly().open()) {
                assertThat(viewer.find("a")).isPresent();
                assertThatThrownBy(() -> viewer.append(pending("b"), content(1, 1)))
                        .isInstanceOf(JournalException.class).hasMessageContaining("read-only");
            }
        }
    }

    @Test
    void pathThatIsAFileIsAClearError() throws IOException {
        Path file = Files.writeString(directory.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> FileJournal.in(file)).isInstanceOf(JournalException.class)
                .hasMessageContaining("cannot create the outbox journal directory " + file);
    }

    @Test
    void journalOfANewerFormatIsRefusedNotMisread() throws IOException {
        try (Journal journal = FileJournal.in(directory)) {
            journal.append(pending("a"), content(10, 1));
        }
        try (RandomAccessFile file = new RandomAccessFile(segments().get(0).toFile(), "rw")) {
            file.seek(8);
            file.writeInt(2);
        }

        assertThatThrownBy(() -> FileJournal.in(directory)).isInstanceOf(JournalException.class)
                .hasMessageContaining("format version 2, written by a newer notify");
    }

    @Test
    void journalWrittenByVersionOneIsRead() throws IOException {
        Path fixture = Path.of("src/test/resources/journal-v1");
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path f : files.toList()) {
                Files.copy(f, directory.resolve(f.getFileName()));
            }
        }

        try (Journal journal = FileJournal.in(directory)) {
            assertThat(journal.counts()).containsEntry(OutboxState.PENDING, 1L).containsEntry(OutboxState.RETRYING, 1L)
                    .containsEntry(OutboxState.FAILED, 1L).containsEntry(OutboxState.ACCEPTED, 1L);
            assertThat(journal.find("retrying")).hasValueSatisfying(e -> {
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.reason()).contains("451 4.3.0 try later");
                assertThat(e.accepted()).containsExactly("alice@example.com");
            });
            assertThat(journal.claimDue(Instant.parse("2031-01-01T00:00:00Z"), 10))
                    .extracting(c -> dev.notify.outbox.internal.MessageCodec.decode(c.message()).messageId().orElseThrow())
                    .containsExactlyInAnyOrder("<pending@example.com>", "<retrying@example.com>");
        }
    }

    @Test
    void segmentsOfDeliveredMessagesAreDeletedAndTheFewLiveOnesCopiedForward() {
        List<String> live = new ArrayList<>();
        try (Journal journal = FileJournal.builder(directory).segmentSize(64 * 1024).open()) {
            for (int i = 0; i < 300; i++) {
                journal.append(pending("m" + i), content(1000, i));
            }
            assertThat(segments()).hasSizeGreaterThan(4);
            for (Journal.Claim claim : journal.claimDue(NOW, 300)) {
                OutboxEntry e = claim.entry();
                if (Integer.parseInt(e.id().substring(1)) % 50 == 0) {
                    live.add(e.id());
                    journal.release(e.id());
                } else {
                    journal.update(e.finished(OutboxState.ACCEPTED, 1, Optional.empty(), Optional.empty(),
                            List.of("x@example.com"), List.of(), NOW, NOW), null);
                }
            }
            journal.expire(NOW);
            journal.append(pending("last"), content(10, 1));
        }

        assertThat(segments()).hasSizeLessThanOrEqualTo(2);
        try (Journal reopened = FileJournal.in(directory)) {
            List<Journal.Claim> claims = reopened.claimDue(NOW, 300);
            assertThat(claims).extracting(c -> c.entry().id()).containsAll(live).contains("last").hasSize(live.size() + 1);
            claims.stream().filter(c -> !c.entry().id().equals("last")).forEach(c -> assertThat(c.message())
                    .isEqualTo(content(1000, Integer.parseInt(c.entry().id().substring(1)))));
        }
    }

    @Test
    void fullDiskFailsTheEnqueueClearlyAndLosesNoAcknowledgedMessage() throws IOException {
        Path mountPoint = Files.createDirectory(directory.resolve("small-disk"));
        try (Tmpfs disk = Tmpfs.mount(mountPoint, 512)) {
            Path journalDir = disk.path().resolve("journal");
            List<String> acknowledged = new ArrayList<>();
            JournalException failure = null;
            try (Journal journal = FileJournal.builder(journalDir).segmentSize(64 * 1024).open()) {
                for (int i = 0; i < 100 && failure == null; i++) {
                    try {
                        journal.append(pending("m" + i), content(20_000, i));
                        acknowledged.add("m" + i);
                    } catch (JournalException e) {
                        failure = e;
                    }
                }
            }

            assertThat(failure).isNotNull().hasMessageContaining("No space left on device")
                    .hasMessageContaining("nothing of this write was stored");
            try (Journal reopened = FileJournal.in(journalDir)) {
                List<Journal.Claim> claims = reopened.claimDue(NOW, 100);
                assertThat(claims).extracting(c -> c.entry().id()).containsExactlyInAnyOrderElementsOf(acknowledged);
                claims.forEach(c -> assertThat(c.message())
                        .isEqualTo(content(20_000, Integer.parseInt(c.entry().id().substring(1)))));
            }
        }
    }

    @Test
    void readOnlyFileSystemIsAClearErrorAndItsJournalCanStillBeListed() throws IOException {
        Path mountPoint = Files.createDirectory(directory.resolve("disk"));
        try (Tmpfs disk = Tmpfs.mount(mountPoint, 1024)) {
            Path journalDir = disk.path().resolve("journal");
            try (Journal journal = FileJournal.in(journalDir)) {
                journal.append(pending("a"), content(10, 1));
            }

            disk.remountReadOnly();

            assertThatThrownBy(() -> FileJournal.in(journalDir)).isInstanceOf(JournalException.class)
                    .hasMessageContaining("is not writable").hasMessageContaining("Read-only file system");
            try (Journal viewer = FileJournal.builder(journalDir).readOnly().open()) {
                assertThat(viewer.find("a")).isPresent();
            }
        }
    }
}
