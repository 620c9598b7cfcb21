package dev.notify.outbox.internal.file;

import static dev.notify.outbox.internal.file.JournalDirectory.reason;

import dev.notify.outbox.internal.EntryCodec;
import dev.notify.outbox.internal.file.JournalIndex.Slot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims space on the writer thread: deletes the oldest segments no entry needs, after copying forward the few
 * live entries of a mostly dead one. Segments are only ever deleted oldest first, so a removal record never
 * outlives the record it removes.
 */
final class Compactor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

    private final JournalDirectory directory;
    private final JournalIndex index;
    private final GroupCommitWriter writer;

    Compactor(JournalDirectory directory, JournalIndex index, GroupCommitWriter writer) {
        this.directory = directory;
        this.index = index;
        this.writer = writer;
    }

    @Override
    public void run() {
        try {
            compact();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Outbox journal {}: compaction failed and is tried again later: {}", directory, reason(e));
        }
    }

    private void compact() throws IOException {
        while (true) {
            Segment oldest;
            synchronized (index) {
                Map.Entry<Long, Segment> first = index.segments.firstEntry();
                if (first == null || writer.isActive(first.getValue())) {
                    return;
                }
                oldest = first.getValue();
                if (oldest.refs == 0) {
                    index.segments.remove(oldest.number);
                }
            }
            if (oldest.refs == 0) {
                oldest.closeQuietly();
                Files.deleteIfExists(oldest.path);
                directory.sync();
                LOG.debug("Outbox journal {}: deleted {}", directory, oldest.path.getFileName());
                continue;
            }
            if (oldest.refs * 4L > oldest.records || !copyForward(oldest)) {
                return;
            }
        }
    }

    /** The slot's content; none when it cannot be read (delivery sets such an entry aside, naming why). */
    private byte[] readable(Slot slot) {
        if (!slot.hasContent()) {
            return null;
        }
        try {
            return index.content(slot);
        } catch (IOException e) {
            LOG.warn("Outbox journal {}: the content of message {} cannot be read ({}); its entry is kept without it",
                    directory, slot.entry.id(), reason(e));
            return null;
        }
    }

    private boolean copyForward(Segment oldest) {
        List<GroupCommitWriter.Write> copies = new ArrayList<>();
        synchronized (index) {
            for (Slot slot : index.slots()) {
                if (slot.metaSegment != oldest.number && slot.messageSegment != oldest.number) {
                    continue;
                }
                byte[] encoded = EntryCodec.encode(slot.entry);
                byte[] message = readable(slot);
                copies.add(new GroupCommitWriter.Write(Records.entry(encoded, message), (segment, offset) -> {
                    if (index.get(slot.entry.id()) != slot) {
                        return false;
                    }
                    Slot moved = new Slot(slot.entry, segment);
                    moved.claimed = slot.claimed;
                    moved.token = slot.token;
                    if (message != null) {
                        moved.content(segment, offset + Records.messageOffset(encoded.length), message.length);
                    }
                    index.put(moved);
                    return true;
                }));
            }
        }
        writer.appendDurably(copies);
        for (GroupCommitWriter.Write w : copies) {
            if (w.done.isCompletedExceptionally()) {
                return false;
            }
        }
        LOG.debug("Outbox journal {}: copied {} live entries out of {}", directory, copies.size(), oldest.path);
        return true;
    }
}
