package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.outbox.internal.file.JournalDamage;
import dev.notify.outbox.internal.file.SegmentedJournal;
import dev.notify.outbox.spi.Journal;
import dev.notify.outbox.support.JournalBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery fed 2,000 random and mutated segments, made here from a fixed seed: bit flips, damaged length fields,
 * random overwrites, truncations, forged records whose checksum holds around hostile lengths, and random files.
 * Each must open without an {@link Error} (a journal of a newer format may be refused with a
 * {@link JournalException} naming the segment), and every record still whole in the file must be recovered with
 * its content or lie in a reported damage range; every record that was damaged must be reported.
 */
class JournalRecoveryFuzzTest {

    private static final long SEED = 0x5EED_2026_1207L;
    private static final int CASES = 2000;
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path directory;

    private record Written(String id, JournalBytes.Bounds bounds, byte[] content) {
    }

    @Test
    void randomAndMutatedSegmentsAreRecoveredOrReportedByPosition() throws IOException {
        Random random = new Random(SEED);
        Path original = directory.resolve("original");
        List<Written> written = new ArrayList<>();
        Map<String, byte[]> contents = new HashMap<>();
        try (Journal journal = FileJournal.builder(original).segmentSize(64 * 1024).open()) {
            for (int i = 0; i < 40; i++) {
                byte[] content = new byte[random.nextInt(400)];
                random.nextBytes(content);
                String id = "m" + i;
                journal.append(OutboxEntry.pending(id, Optional.empty(), Channel.EMAIL, "<" + id + "@example.com>",
                        NOW), content);
                contents.put(id, content);
            }
        }
        byte[] segment = Files.readAllBytes(original.resolve("segment-000000000001.log"));
        List<JournalBytes.Bounds> records = JournalBytes.records(segment);
        assertThat(records).hasSize(40);
        for (int i = 0; i < records.size(); i++) {
            written.add(new Written("m" + i, records.get(i), contents.get("m" + i)));
        }

        Path target = directory.resolve("case");
        Files.createDirectories(target);
        Path file = target.resolve("segment-000000000001.log");
        for (int n = 0; n < CASES; n++) {
            String what = "seed " + SEED + ", case " + n;
            byte[] mutated = mutate(segment, records, random);
            Files.write(file, mutated);
            try (SegmentedJournal journal = (SegmentedJournal) FileJournal.builder(target).readOnly().open()) {
                check(what, segment, mutated, written, journal);
            } catch (JournalException e) {
                assertThat(e.getMessage()).as(what).contains("segment-000000000001.log").contains("newer notify");
            } catch (Error e) {
                throw new AssertionError(what + ": " + e, e);
            }
        }
    }

    private static void check(String what, byte[] segment, byte[] mutated, List<Written> written,
            SegmentedJournal journal) {
        Map<String, byte[]> recovered = new HashMap<>();
        journal.claimDue(NOW, 1000).forEach(c -> recovered.put(c.entry().id(), c.message()));
        List<JournalDamage> damage = journal.damage();
        for (Written w : written) {
            JournalBytes.Bounds b = w.bounds();
            if (b.end() > mutated.length) {
                if (b.offset() < mutated.length && !zeros(mutated, b.offset(), mutated.length)) {
                    assertThat(reported(damage, b)).as(what + ": " + w.id() + ", cut short, is reported").isTrue();
                }
                continue;
            }
            boolean whole = Arrays.equals(segment, b.offset(), b.end(), mutated, b.offset(), b.end());
            if (whole) {
                assertThat(recovered.containsKey(w.id()) || reported(damage, b))
                        .as(what + ": " + w.id() + " is whole: recovered or reported; damage " + damage).isTrue();
                if (recovered.containsKey(w.id())) {
                    assertThat(recovered.get(w.id())).as(what + ": content of " + w.id()).isEqualTo(w.content());
                }
            } else if (!zeros(mutated, b.offset(), b.end())) {
                assertThat(recovered).as(what + ": " + w.id() + " was damaged").doesNotContainKey(w.id());
                assertThat(reported(damage, b)).as(what + ": " + w.id() + " damaged is reported; damage " + damage)
                        .isTrue();
            }
        }
    }

    /** Whether a reported damage range overlaps the record. */
    private static boolean reported(List<JournalDamage> damage, JournalBytes.Bounds b) {
        return damage.stream().anyMatch(d -> d.offset() < b.end() && d.offset() + Math.max(d.length(), 1) > b.offset());
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] mutate(byte[] segment, List<JournalBytes.Bounds> records, Random random) {
        byte[] m = segment.clone();
        int recordsEnd = records.get(records.size() - 1).end();
        switch (random.nextInt(7)) {
            case 0 -> {
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    int at = JournalBytes.HEADER + random.nextInt(recordsEnd - JournalBytes.HEADER);
                    m[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int[] hostile = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1, 256 * 1024 * 1024, random.nextInt()};
                JournalBytes.Bounds b = records.get(random.nextInt(records.size()));
                ByteBuffer.wrap(m).putInt(b.offset(), hostile[random.nextInt(hostile.length)]);
            }
            case 2 -> {
                int at = JournalBytes.HEADER + random.nextInt(recordsEnd - JournalBytes.HEADER);
                byte[] noise = new byte[1 + random.nextInt(Math.min(600, m.length - at))];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, m, at, noise.length);
            }
            case 3 -> {
                return Arrays.copyOf(m, random.nextInt(recordsEnd + 100));
            }
            case 4 -> {
                JournalBytes.Bounds b = records.get(random.nextInt(records.size()));
                byte[] body = new byte[1 + random.nextInt(Math.max(1, b.length() - JournalBytes.FRAME))];
                random.nextBytes(body);
                body[0] = (byte) (1 + random.nextInt(2));
                if (body.length >= 5) {
                    int[] hostile = {-1, Integer.MAX_VALUE, body.length, body.length - 4, random.nextInt()};
                    ByteBuffer.wrap(body).putInt(1, hostile[random.nextInt(hostile.length)]);
                }
                byte[] forged = JournalBytes.frame(body);
                System.arraycopy(forged, 0, m, b.offset(), Math.min(forged.length, m.length - b.offset()));
            }
            case 5 -> {
                byte[] noise = new byte[random.nextInt(70_000)];
                random.nextBytes(noise);
                System.arraycopy(JournalBytes.header(), 0, noise, 0, Math.min(noise.length, JournalBytes.HEADER));
                return noise;
            }
            default -> {
                byte[] noise = new byte[random.nextInt(5_000)];
                random.nextBytes(noise);
                return noise;
            }
        }
        return m;
    }
}
