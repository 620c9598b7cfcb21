package dev.notify.outbox.internal.file;

import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The journal in memory: per entry its latest state and where its content is, the entries due in time order, and
 * the segments with how many entries still need each. Its monitor is the journal's lock: the writer applies
 * durable records under it, so callers that read several things at once synchronize on the index.
 */
final class JournalIndex {

    /** An index entry: the entry, where its latest record and content are, and whether it is being delivered. */
    static final class Slot {
        final OutboxEntry entry;
        long metaSegment;
        long messageSegment = -1;
        long messageOffset;
        int messageLength;
        boolean claimed;

        Slot(OutboxEntry entry, long metaSegment) {
            this.entry = entry;
            this.metaSegment = metaSegment;
        }

        /** This slot's content is {@code length} bytes at {@code offset} of {@code segment}. */
        Slot content(long segment, long offset, int length) {
            messageSegment = segment;
            messageOffset = offset;
            messageLength = length;
            return this;
        }

        /** This slot keeps the content of {@code previous}, if it had any. */
        Slot contentOf(Slot previous) {
            return previous == null ? this
                    : content(previous.messageSegment, previous.messageOffset, previous.messageLength);
        }

        boolean hasContent() {
            return messageSegment >= 0;
        }
    }

    private record Due(Instant at, String id) implements Comparable<Due> {
        private static final Comparator<Due> ORDER = Comparator.comparing(Due::at).thenComparing(Due::id);

        @Override
        public int compareTo(Due other) {
            return ORDER.compare(this, other);
        }
    }

    final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final Map<String, Slot> slots = new HashMap<>();
    private final TreeSet<Due> due = new TreeSet<>();

    synchronized Slot get(String id) {
        return slots.get(id);
    }

    synchronized boolean contains(String id) {
        return slots.containsKey(id);
    }

    synchronized int size() {
        return slots.size();
    }

    synchronized List<Slot> slots() {
        return new ArrayList<>(slots.values());
    }

    /** Makes {@code slot} its entry's latest; a final accepted entry needs its content no more. */
    synchronized void put(Slot slot) {
        remove(slot.entry.id());
        if (slot.entry.state() == OutboxState.ACCEPTED || slot.entry.state() == OutboxState.PARTIALLY_ACCEPTED) {
            slot.messageSegment = -1;
        }
        slots.put(slot.entry.id(), slot);
        ref(slot.metaSegment, 1);
        ref(slot.messageSegment, 1);
        if (!slot.entry.state().isFinal() && !slot.claimed) {
            due.add(new Due(slot.entry.nextAttemptAt().orElseThrow(), slot.entry.id()));
        }
    }

    synchronized Slot remove(String id) {
        Slot slot = slots.remove(id);
        if (slot != null) {
            ref(slot.metaSegment, -1);
            ref(slot.messageSegment, -1);
            slot.entry.nextAttemptAt().ifPresent(at -> due.remove(new Due(at, id)));
        }
        return slot;
    }

    private void ref(long segment, int delta) {
        Segment s = segments.get(segment);
        if (s != null) {
            s.refs += delta;
        }
    }

    /**
     * Reads the content of {@code slot} from its segment.
     *
     * @throws IOException when the slot has no content, its segment is gone, or the file is shorter than recorded
     */
    synchronized byte[] content(Slot slot) throws IOException {
        Segment segment = slot.hasContent() ? segments.get(slot.messageSegment) : null;
        if (segment == null) {
            throw new IOException("its content is no longer in the journal");
        }
        return segment.read(slot.messageOffset, slot.messageLength);
    }

    /** Claims the next unclaimed entry due at {@code now}, or returns null. */
    synchronized Slot claimNext(Instant now) {
        if (due.isEmpty() || due.first().at().isAfter(now)) {
            return null;
        }
        Slot slot = slots.get(due.pollFirst().id());
        slot.claimed = true;
        return slot;
    }

    /** Ends a claim: the entry is due again as it was. */
    synchronized void release(String id) {
        Slot slot = slots.get(id);
        if (slot != null && slot.claimed) {
            slot.claimed = false;
            slot.entry.nextAttemptAt().ifPresent(at -> due.add(new Due(at, id)));
        }
    }

    synchronized Optional<OutboxEntry> find(String id) {
        return Optional.ofNullable(slots.get(id)).map(s -> s.entry);
    }

    synchronized List<OutboxEntry> list(Set<OutboxState> states, int limit) {
        return slots.values().stream().map(s -> s.entry).filter(e -> states.contains(e.state()))
                .sorted(Comparator.comparing(OutboxEntry::enqueuedAt).thenComparing(OutboxEntry::id))
                .limit(limit).toList();
    }

    synchronized Map<OutboxState, Long> counts() {
        Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
        for (OutboxState state : OutboxState.values()) {
            counts.put(state, 0L);
        }
        slots.values().forEach(s -> counts.merge(s.entry.state(), 1L, Long::sum));
        return counts;
    }

    synchronized Optional<Instant> nextDue() {
        return due.isEmpty() ? Optional.empty() : Optional.of(due.first().at());
    }

    /** Drops the final entries kept until {@code now} or earlier. */
    synchronized void expire(Instant now) {
        List<String> expired = slots.values().stream()
                .filter(s -> s.entry.keepUntil().isPresent() && !s.entry.keepUntil().get().isAfter(now))
                .map(s -> s.entry.id()).toList();
        expired.forEach(this::remove);
    }
}
