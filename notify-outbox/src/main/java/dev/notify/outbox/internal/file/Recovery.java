package dev.notify.outbox.internal.file;

import static dev.notify.outbox.internal.file.JournalDirectory.reason;

import dev.notify.outbox.JournalException;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.internal.CorruptRecordException;
import dev.notify.outbox.internal.EntryCodec;
import dev.notify.outbox.internal.file.JournalIndex.Slot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rebuilds the index from the segments, oldest first, the last record of an entry winning. A record that checks
 * but does not hold together (lengths that do not add up, an entry that cannot be decoded) is reported with its
 * segment and offset and skipped, as are damaged bytes (see {@link SegmentScanner}); a file named like a segment
 * that is not one is skipped with a warning and left alone. Only a journal written by a newer notify stops
 * recovery, so that it is never misread.
 */
final class Recovery {

    private final JournalIndex index;
    private final List<JournalDamage> damage = new ArrayList<>();

    private Recovery(JournalIndex index) {
        this.index = index;
    }

    /** Reads every segment of {@code listing} into {@code index}; returns what could not be read. */
    static List<JournalDamage> recover(JournalDirectory.Listing listing, JournalIndex index) {
        Recovery recovery = new Recovery(index);
        for (JournalDirectory.SegmentFile file : listing.segments()) {
            recovery.read(file);
        }
        return List.copyOf(recovery.damage);
    }

    private void read(JournalDirectory.SegmentFile file) {
        FileChannel channel;
        long size;
        try {
            channel = FileChannel.open(file.path(), StandardOpenOption.READ);
            size = channel.size();
        } catch (IOException e) {
            SegmentScanner.report(damage, new JournalDamage(file.path(), 0, 0, "cannot be read (" + reason(e)
                    + "); skipped"), true);
            return;
        }
        Segment segment = new Segment(file.number(), file.path(), channel, 0);
        try {
            if (size < Segment.HEADER_SIZE) {
                SegmentScanner.report(damage, new JournalDamage(file.path(), 0, size,
                        "no complete header (a write cut short); it holds no record"), false);
                keep(segment, Segment.HEADER_SIZE, size);
                return;
            }
            SegmentData data = new SegmentData(channel, size);
            if (!header(segment, data)) {
                return;
            }
            keep(segment, Segment.HEADER_SIZE, size);
            segment.size = SegmentScanner.scan(file.path(), data, (offset, body) -> apply(segment, offset, body),
                    damage);
        } catch (UncheckedIOException e) {
            index.segments.remove(segment.number);
            skip(segment, new JournalDamage(file.path(), 0, size, "cannot be read (" + reason(e.getCause()) + "); skipped"));
        } catch (RuntimeException e) {
            segment.closeQuietly();
            throw e;
        }
    }

    private boolean header(Segment segment, SegmentData data) {
        byte[] magic = new byte[Segment.MAGIC.length];
        data.bytes(0, magic.length).get(magic);
        if (!Arrays.equals(magic, Segment.MAGIC)) {
            segment.closeQuietly();
            SegmentScanner.report(damage, new JournalDamage(segment.path, 0, data.size(), "not an outbox journal "
                    + "segment (no journal header); skipped and left alone"), false);
            return false;
        }
        int version = data.getInt(Segment.MAGIC.length);
        if (version > Segment.FORMAT_VERSION) {
            throw new JournalException(segment.path + " has format version " + version + ", written by a newer "
                    + "notify; this one reads versions 1 to " + Segment.FORMAT_VERSION, null);
        }
        return true;
    }

    private void keep(Segment segment, long end, long size) {
        segment.size = end;
        segment.allocated = size;
        index.segments.put(segment.number, segment);
    }

    private void skip(Segment segment, JournalDamage d) {
        segment.closeQuietly();
        SegmentScanner.report(damage, d, true);
    }

    private void apply(Segment segment, long offset, ByteBuffer body) {
        segment.records++;
        if (body.get(0) != Records.ENTRY && body.get(0) != Records.REMOVED) {
            throw new JournalException(segment.path + " holds a record of type " + body.get(0) + " at offset "
                    + offset + ", written by a newer notify", null);
        }
        Records.Body read;
        OutboxEntry entry = null;
        try {
            read = Records.read(body);
            if (read instanceof Records.Entry e) {
                entry = EntryCodec.decode(e.encoded());
            }
        } catch (CorruptRecordException e) {
            SegmentScanner.report(damage, new JournalDamage(segment.path, offset, Records.FRAME + body.limit(),
                    "a record that passes its checksum but holds " + e.getMessage() + "; skipped"), true);
            return;
        }
        if (read instanceof Records.Removed removed) {
            index.remove(removed.id());
            return;
        }
        Records.Entry e = (Records.Entry) read;
        Slot slot = new Slot(entry, segment.number);
        if (e.messageLength() >= 0) {
            slot.content(segment.number, offset + Records.messageOffset(e.encoded().length), e.messageLength());
        } else {
            slot.contentOf(index.get(entry.id()));
        }
        index.put(slot);
    }
}
