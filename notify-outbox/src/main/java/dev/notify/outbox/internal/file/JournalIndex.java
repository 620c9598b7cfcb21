package dev.notify.outbox.internal.file;

import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.spi.Journal;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The journal in memory: per entry its latest state and where its content is, per server the entries due in time
 * order, the counts by state, and the segments with how many entries still need each; and per server whether it is
 * paused or held until later; the entries' ids by Message-ID and by each id the service gave an SMS (rebuilt with
 * the rest when the journal is opened). Its monitor is the journal's lock: the writer applies durable records under
 * it, so callers that read several things at once synchronize on the index.
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
        /** The fencing token of the current claim. */
        long token;

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
    private final Map<String, String> byMessageId = new HashMap<>();
    private final Map<String, String> byServiceMessageId = new HashMap<>();
    private final Map<String, TreeSet<Due>> due = new HashMap<>();
    private final Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
    private final Set<String> paused = new HashSet<>();
    private final Map<String, Instant> heldUntil = new HashMap<>();
    private long lastToken;

    JournalIndex() {
        for (OutboxState state : OutboxState.values()) {
            counts.put(state, 0L);
        }
    }

    private static String server(OutboxEntry entry) {
        return entry.serverId().orElse(Journal.GLOBAL);
    }

    private void addDue(OutboxEntry entry) {
        due.computeIfAbsent(server(entry), s -> new TreeSet<>()).add(new Due(entry.nextAttemptAt().orElseThrow(),
                entry.id()));
    }

    private void removeDue(OutboxEntry entry) {
        TreeSet<Due> queue = due.get(server(entry));
        if (queue != null) {
            entry.nextAttemptAt().ifPresent(at -> queue.remove(new Due(at, entry.id())));
            if (queue.isEmpty()) {
                due.remove(server(entry));
            }
        }
    }

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
        byMessageId.put(slot.entry.messageId(), slot.entry.id());
        slot.entry.serviceMessageId().ifPresent(sid -> serviceIds(sid).forEach(part ->
                byServiceMessageId.put(part, slot.entry.id())));
        counts.merge(slot.entry.state(), 1L, Long::sum);
        ref(slot.metaSegment, 1);
        ref(slot.messageSegment, 1);
        if (!slot.entry.state().isFinal() && !slot.claimed) {
            addDue(slot.entry);
        }
    }

    /** The ids a service gave an SMS: one, or for an SMS sent in parts each part's (joined with commas). */
    private static List<String> serviceIds(String serviceMessageId) {
        return List.of(serviceMessageId.split(","));
    }

    synchronized Slot remove(String id) {
        Slot slot = slots.remove(id);
        if (slot != null) {
            byMessageId.remove(slot.entry.messageId(), id);
            slot.entry.serviceMessageId().ifPresent(sid -> serviceIds(sid).forEach(part ->
                    byServiceMessageId.remove(part, id)));
            counts.merge(slot.entry.state(), -1L, Long::sum);
            ref(slot.metaSegment, -1);
            ref(slot.messageSegment, -1);
            removeDue(slot.entry);
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

    /**
     * Claims the unclaimed entry due longest at {@code now} among the servers neither paused nor held past
     * {@code now}, with a new fencing token; or returns null.
     */
    synchronized Slot claimNext(Instant now) {
        TreeSet<Due> next = null;
        for (Map.Entry<String, TreeSet<Due>> queue : due.entrySet()) {
            Due first = queue.getValue().first();
            if (!first.at().isAfter(now) && open(queue.getKey(), now)
                    && (next == null || first.compareTo(next.first()) < 0)) {
                next = queue.getValue();
            }
        }
        if (next == null) {
            return null;
        }
        Slot slot = slots.get(next.first().id());
        removeDue(slot.entry);
        slot.claimed = true;
        slot.token = ++lastToken;
        return slot;
    }

    private boolean open(String server, Instant now) {
        Instant held = heldUntil.get(server);
        return !paused.contains(server) && (held == null || !held.isAfter(now));
    }

    /** Ends a claim: the entry is due again as it was. */
    synchronized void release(String id) {
        Slot slot = slots.get(id);
        if (slot != null && slot.claimed) {
            slot.claimed = false;
            if (!slot.entry.state().isFinal()) {
                addDue(slot.entry);
            }
        }
    }

    /** Whether the entry is claimed under {@code token} (0: under any token). */
    synchronized boolean holds(String id, long token) {
        Slot slot = slots.get(id);
        return slot != null && slot.claimed && (token == 0 || slot.token == token);
    }

    synchronized void paused(Set<String> servers) {
        paused.clear();
        paused.addAll(servers);
    }

    synchronized Set<String> paused() {
        return Set.copyOf(paused);
    }

    /** Holds {@code server} until {@code until}, unless it is held longer already. */
    synchronized void hold(String server, Instant until) {
        heldUntil.merge(server, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The servers held past {@code now}, with until when. */
    synchronized Map<String, Instant> held(Instant now) {
        heldUntil.values().removeIf(until -> !until.isAfter(now));
        return Map.copyOf(heldUntil);
    }

    /** When the unclaimed waiting entry that fell due first fell due, if that is not after {@code now}. */
    synchronized Optional<Instant> oldestDue(Instant now) {
        return due.values().stream().map(q -> q.first().at()).min(Comparator.naturalOrder())
                .filter(at -> !at.isAfter(now));
    }

    synchronized Optional<OutboxEntry> find(String id) {
        return Optional.ofNullable(slots.get(id)).map(s -> s.entry);
    }

    synchronized Optional<OutboxEntry> findByMessageId(String messageId) {
        return Optional.ofNullable(byMessageId.get(messageId)).flatMap(this::find);
    }

    synchronized Optional<OutboxEntry> findByServiceMessageId(String serviceMessageId) {
        return Optional.ofNullable(byServiceMessageId.get(serviceMessageId)).flatMap(this::find);
    }

    synchronized List<OutboxEntry> list(Set<OutboxState> states, int limit) {
        return slots.values().stream().map(s -> s.entry).filter(e -> states.contains(e.state()))
                .sorted(Comparator.comparing(OutboxEntry::enqueuedAt).thenComparing(OutboxEntry::id))
                .limit(limit).toList();
    }

    synchronized Map<OutboxState, Long> counts() {
        return new EnumMap<>(counts);
    }

    /** When the next unclaimed entry of a server that is not paused may be claimed: due, and its server not held. */
    synchronized Optional<Instant> nextDue() {
        Instant next = null;
        for (Map.Entry<String, TreeSet<Due>> queue : due.entrySet()) {
            if (paused.contains(queue.getKey())) {
                continue;
            }
            Instant at = queue.getValue().first().at();
            Instant held = heldUntil.get(queue.getKey());
            if (held != null && held.isAfter(at)) {
                at = held;
            }
            next = next == null || at.isBefore(next) ? at : next;
        }
        return Optional.ofNullable(next);
    }

    /** Drops the final entries kept until {@code now} or earlier. */
    synchronized void expire(Instant now) {
        List<String> expired = slots.values().stream()
                .filter(s -> s.entry.keepUntil().isPresent() && !s.entry.keepUntil().get().isAfter(now))
                .map(s -> s.entry.id()).toList();
        expired.forEach(this::remove);
    }
}
