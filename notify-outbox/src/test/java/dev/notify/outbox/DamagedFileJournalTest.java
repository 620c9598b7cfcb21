package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.FailureClass;
import dev.notify.outbox.internal.EntryCodec;
import dev.notify.outbox.internal.file.JournalDamage;
import dev.notify.outbox.internal.file.SegmentedJournal;
import dev.notify.outbox.spi.Journal;
import dev.notify.outbox.support.JournalBytes;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file journal with damaged, forged and foreign files: what is readable is delivered, the rest is named. */
class DamagedFileJournalTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String FIRST_SEGMENT = "segment-000000000001.log";

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

    private void appendAll(String... ids) {
        try (Journal journal = FileJournal.in(directory)) {
            for (int i = 0; i < ids.length; i++) {
                journal.append(pending(ids[i]), content(100 + i, i + 1));
            }
        }
    }

    private static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }

    private static List<String> ids(List<Journal.Claim> claims) {
        return claims.stream().map(c -> c.entry().id()).sorted().toList();
    }

    @Test
    void aDamagedLengthMidSegmentHidesNoValidRecordAfterIt() throws IOException {
        String[] ids = new String[20];
        Arrays.setAll(ids, i -> String.format("m%02d", i));
        appendAll(ids);
        Path segment = directory.resolve(FIRST_SEGMENT);
        JournalBytes.Bounds fifth = JournalBytes.records(Files.readAllBytes(segment)).get(5);
        overwrite(segment, fifth.offset(), ByteBuffer.allocate(4).putInt(0x00ffff00).array());

        try (SegmentedJournal reopened = (SegmentedJournal) FileJournal.in(directory)) {
            List<Journal.Claim> claims = reopened.claimDue(NOW, 100);

            assertThat(ids(claims)).hasSize(19).doesNotContain("m05").contains("m06", "m19");
            claims.forEach(c -> assertThat(c.message()).hasSize(100 + Integer.parseInt(c.entry().id().substring(1))));
            assertThat(reopened.damage()).singleElement().satisfies(d -> {
                assertThat(d.segment().getFileName()).hasToString(FIRST_SEGMENT);
                assertThat(d.offset()).isEqualTo(fifth.offset());
                assertThat(d.length()).isEqualTo(fifth.length());
            });
        }
    }

    @Test
    void hostileLengthsWithAValidChecksumAreReportedWithTheirSegmentAndOffset() throws IOException {
        appendAll("good");
        byte[] entry = EntryCodec.encode(pending("forged"));
        List<byte[]> bodies = List.of(
                ByteBuffer.allocate(9).put((byte) 1).putInt(Integer.MAX_VALUE).putInt(0).array(),
                ByteBuffer.allocate(9).put((byte) 1).putInt(-1).putInt(0).array(),
                ByteBuffer.allocate(1 + 4 + entry.length + 1 + 4).put((byte) 1).putInt(entry.length).put(entry)
                        .put((byte) 1).putInt(2_000_000_000).array(),
                ByteBuffer.allocate(5).put((byte) 2).putInt(-5).array());
        ByteBuffer forged = ByteBuffer.allocate(4096).put(JournalBytes.header());
        int[] offsets = new int[bodies.size()];
        for (int i = 0; i < bodies.size(); i++) {
            offsets[i] = forged.position();
            forged.put(JournalBytes.frame(bodies.get(i)));
        }
        Files.write(directory.resolve("segment-000000000002.log"), Arrays.copyOf(forged.array(), forged.position()));

        try (SegmentedJournal reopened = (SegmentedJournal) FileJournal.in(directory)) {
            assertThat(ids(reopened.claimDue(NOW, 10))).containsExactly("good");
            assertThat(reopened.damage()).extracting(JournalDamage::offset)
                    .containsExactly(Arrays.stream(offsets).asLongStream().boxed().toArray(Long[]::new));
            assertThat(reopened.damage()).allSatisfy(d -> {
                assertThat(d.segment().getFileName()).hasToString("segment-000000000002.log");
                assertThat(d.what()).contains("passes its checksum").contains("length");
            });
        }
    }

    @Test
    void anEntryWhoseContentCannotBeReadIsSetAsideAndTheOthersAreClaimed() throws IOException {
        try (Journal journal = FileJournal.in(directory)) {
            journal.append(pending("a"), content(100, 1));
            journal.append(pending("c"), content(100, 3));
            journal.append(pending("b"), content(100, 2));
            Path segment = directory.resolve(FIRST_SEGMENT);
            JournalBytes.Bounds last = JournalBytes.records(Files.readAllBytes(segment)).get(2);
            try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
                f.setLength(last.end() - 50);
            }

            assertThat(ids(journal.claimDue(NOW, 10))).containsExactly("a", "c");
            OutboxEntry b = journal.find("b").orElseThrow();
            assertThat(b.state()).isEqualTo(OutboxState.FAILED);
            assertThat(b.failureClass()).contains(FailureClass.INVALID_MESSAGE);
            assertThat(b.reason()).hasValueSatisfying(r -> assertThat(r).contains(FIRST_SEGMENT + ", offset "));
            assertThat(journal.claimDue(NOW.plus(Duration.ofDays(1)), 10)).isEmpty();
            assertThat(journal.nextDue()).isEmpty();
        }
    }

    @Test
    void anEntryWhoseContentRecordWasDamagedIsSetAsideOnceNotReadAtEveryPoll() throws IOException {
        try (Journal journal = FileJournal.in(directory)) {
            journal.append(pending("a"), content(100, 1));
            journal.append(pending("b"), content(100, 2));
            Journal.Claim a = journal.claimDue(NOW, 1).get(0);
            journal.update(a.entry().retrying(1, NOW, FailureClass.TRANSIENT, "busy", List.of(), List.of()), null);
        }
        Path segment = directory.resolve(FIRST_SEGMENT);
        JournalBytes.Bounds first = JournalBytes.records(Files.readAllBytes(segment)).get(0);
        overwrite(segment, first.offset() + 20, new byte[] {0x55});

        try (SegmentedJournal reopened = (SegmentedJournal) FileJournal.in(directory)) {
            assertThat(reopened.damage()).singleElement().satisfies(d -> assertThat(d.offset()).isEqualTo(first.offset()));
            assertThat(reopened.find("a").orElseThrow().state()).isEqualTo(OutboxState.RETRYING);

            assertThat(ids(reopened.claimDue(NOW, 10))).containsExactly("b");
            assertThat(reopened.find("a").orElseThrow().state()).isEqualTo(OutboxState.FAILED);
            assertThat(reopened.find("a").orElseThrow().reason())
                    .hasValueSatisfying(r -> assertThat(r).contains("no longer in the journal"));
            assertThat(reopened.claimDue(NOW, 10)).isEmpty();
        }
    }

    @Test
    void aForeignFileNamedLikeASegmentIsSkippedAndTheRestListed() throws IOException {
        appendAll("a", "b");
        Path foreign = directory.resolve("segment-000000000007.log");
        Files.writeString(foreign, "notes an administrator left here\n");

        try (SegmentedJournal reopened = (SegmentedJournal) FileJournal.in(directory)) {
            assertThat(reopened.list(java.util.EnumSet.allOf(OutboxState.class), 10)).hasSize(2);
            assertThat(reopened.damage()).singleElement().satisfies(d -> {
                assertThat(d.segment()).isEqualTo(foreign);
                assertThat(d.what()).contains("not an outbox journal segment");
            });
            reopened.append(pending("c"), content(10, 3));
        }
        assertThat(foreign).hasContent("notes an administrator left here");
    }

    @Test
    @Timeout(60)
    void aFifoNamedLikeASegmentDoesNotBlockTheListing() throws Exception {
        appendAll("a");
        Path fifo = directory.resolve("segment-000000000005.log");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();

        try (Journal readOnly = FileJournal.builder(directory).readOnly().open()) {
            assertThat(readOnly.list(java.util.EnumSet.allOf(OutboxState.class), 10)).hasSize(1);
        }
    }

    @Test
    void aSmallSegmentSizeIsHonouredOnDisk() throws IOException {
        try (Journal journal = FileJournal.builder(directory).segmentSize(64 * 1024).open()) {
            for (int i = 0; i < 200; i++) {
                journal.append(pending("m" + i), content(1000, i));
            }
        }

        assertThat(segments()).hasSizeGreaterThan(2)
                .allSatisfy(p -> assertThat(Files.size(p)).isLessThanOrEqualTo(64 * 1024));
    }
}
