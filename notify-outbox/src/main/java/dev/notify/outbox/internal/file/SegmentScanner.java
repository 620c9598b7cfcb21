package dev.notify.outbox.internal.file;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the records of one segment, checking each frame before its body is touched: a length must fit in what is
 * left of the segment and the body must match its checksum. Bytes that fail are reported with their offset and
 * skipped: the scan resynchronises on the next offset where a whole record checks, so one damaged length does
 * not hide the records after it. JournalDamage followed by no valid record is the tail of a write cut short by a crash;
 * zeros after the records are space written ahead.
 */
final class SegmentScanner {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentScanner.class);

    /** Receives each record that checks: its offset in the segment and its body. */
    @FunctionalInterface
    interface Sink {
        void record(long offset, ByteBuffer body);
    }

    private SegmentScanner() {
    }

    /**
     * Scans {@code data}, the whole segment file from its header on, reporting damage to {@code damage}.
     *
     * @return where the last record that checks ends
     */
    static long scan(Path segment, SegmentData data, Sink sink, List<JournalDamage> damage) {
        long size = data.size();
        long position = Segment.HEADER_SIZE;
        long end = position;
        while (position + Records.FRAME <= size) {
            if (checks(data, position, size)) {
                int length = data.getInt(position);
                sink.record(position, data.bytes(position + Records.FRAME, length));
                position += Records.FRAME + length;
                end = position;
                continue;
            }
            if (zeros(data, position, size)) {
                return end;
            }
            long next = resynchronise(data, position + 1, size);
            if (next < 0) {
                report(damage, new JournalDamage(segment, position, size - position,
                        "an incomplete record (a write cut short by a crash); ignored"), false);
                return end;
            }
            report(damage, new JournalDamage(segment, position, next - position, "bytes that fail their length or "
                    + "checksum; skipped, and the records from offset " + next + " on are read"), true);
            position = next;
        }
        if (position < size && !zeros(data, position, size)) {
            report(damage, new JournalDamage(segment, position, size - position,
                    "an incomplete record (a write cut short by a crash); ignored"), false);
        }
        return end;
    }

    /** Whether a whole record starts at {@code position}: a length that fits and a checksum that holds. */
    private static boolean checks(SegmentData data, long position, long size) {
        if (position + Records.FRAME > size) {
            return false;
        }
        int length = data.getInt(position);
        if (length < 1 || length > Records.MAX_BODY || length > size - position - Records.FRAME) {
            return false;
        }
        return data.checksum(position + Records.FRAME, length) == data.getInt(position + 4);
    }

    private static long resynchronise(SegmentData data, long from, long size) {
        for (long p = from; p + Records.FRAME <= size; p++) {
            if (checks(data, p, size)) {
                return p;
            }
        }
        return -1;
    }

    private static boolean zeros(SegmentData data, long from, long size) {
        for (long p = from; p < size; p++) {
            if (data.get(p) != 0) {
                return false;
            }
        }
        return true;
    }

    static void report(List<JournalDamage> damage, JournalDamage d, boolean severe) {
        damage.add(d);
        if (severe) {
            LOG.error("Outbox journal segment {}", d);
        } else {
            LOG.warn("Outbox journal segment {}", d);
        }
    }
}
