package dev.notify.outbox.internal.file;

import static dev.notify.outbox.internal.file.JournalDirectory.reason;

import dev.notify.DeliveryStatus;
import dev.notify.FailureClass;
import dev.notify.outbox.JournalException;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.OutboxStats;
import dev.notify.outbox.internal.EntryCodec;
import dev.notify.outbox.internal.RateBudget;
import dev.notify.outbox.internal.file.JournalIndex.Slot;
import dev.notify.outbox.spi.Journal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file journal. Entries live in memory ({@link JournalIndex}: state, and where the latest record and the
 * content are); contents stay on disk and are read when an entry is claimed. Every change is appended by the one
 * {@link GroupCommitWriter} (one write and one fsync for all the changes waiting), which then applies it to the
 * index; {@link Compactor} reclaims segments no entry needs. On opening, {@link Recovery} reads the segments back,
 * reporting and skipping what is damaged ({@link #damage()}).
 *
 * <p>An entry whose content cannot be read when it is due is set aside: failed, with the reason and where its
 * content was, so that the other entries are delivered.
 *
 * <p>The directory is locked ({@code journal.lock}) by one process at a time; a read-only journal takes no lock
 * and sees the state as of its opening. This class is threadsafe.
 */
public final class SegmentedJournal implements Journal {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentedJournal.class);

    private final JournalDirectory directory;
    private final boolean readOnly;
    private final JournalIndex index = new JournalIndex();
    private final GroupCommitWriter writer;
    private final List<JournalDamage> damage;
    /** The servers' rate budgets, in memory: one process owns the journal, and a restart starts them empty. */
    private final Map<String, RateBudget> budgets = new HashMap<>();
    private volatile boolean closed;

    private SegmentedJournal(JournalDirectory directory, long segmentSize, boolean readOnly) {
        this.directory = directory;
        this.readOnly = readOnly;
        JournalDirectory.Listing listing = directory.segments();
        try {
            this.damage = Recovery.recover(listing, index);
            index.paused(directory.pausedServers());
        } catch (RuntimeException e) {
            closeFiles();
            throw e;
        }
        this.writer = readOnly ? null : new GroupCommitWriter(directory, segmentSize, index, listing.nextNumber());
        LOG.debug("Outbox journal {}: {} entries in {} segments", directory, index.size(), index.segments.size());
    }

    /**
     * Opens (creating it when needed) and recovers the journal in {@code directory}.
     *
     * @throws JournalException when the directory cannot be created or written, is locked by another process, or
     *     holds a journal of a newer format
     */
    public static SegmentedJournal open(Path directory, long segmentSize, boolean readOnly) {
        JournalDirectory dir = JournalDirectory.open(directory, readOnly);
        SegmentedJournal journal;
        try {
            journal = new SegmentedJournal(dir, segmentSize, readOnly);
        } catch (RuntimeException e) {
            dir.unlock();
            throw e;
        }
        if (journal.writer != null) {
            journal.writer.start(new Compactor(dir, journal.index, journal.writer));
        }
        return journal;
    }

    /** What recovery could not read, each with its segment and offset; empty for an undamaged journal. */
    public List<JournalDamage> damage() {
        return damage;
    }

    @Override
    public void append(OutboxEntry entry, byte[] message) {
        if (message.length > Records.MAX_BODY - 64 * 1024) {
            throw new JournalException("the message is " + message.length + " bytes; the file journal takes messages "
                    + "of up to " + (Records.MAX_BODY - 64 * 1024) + " bytes; nothing was queued", null);
        }
        byte[] encoded = EntryCodec.encode(entry);
        if (index.contains(entry.id())) {
            throw new IllegalArgumentException("the journal already has an entry " + entry.id());
        }
        write(Records.entry(encoded, message), (segment, offset) -> {
            index.put(new Slot(entry, segment).content(segment, offset + Records.messageOffset(encoded.length),
                    message.length));
            return true;
        });
    }

    @Override
    public List<Claim> claimDue(Instant now, int max) {
        List<Claim> claims = new ArrayList<>();
        List<Slot> unreadable = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        synchronized (index) {
            while (claims.size() < max) {
                Slot slot = index.claimNext(now);
                if (slot == null) {
                    break;
                }
                try {
                    claims.add(new Claim(slot.entry, index.content(slot), slot.token));
                } catch (IOException e) {
                    unreadable.add(slot);
                    reasons.add(reason(e));
                }
            }
        }
        for (int i = 0; i < unreadable.size(); i++) {
            setAside(unreadable.get(i), reasons.get(i), now);
        }
        return claims;
    }

    /**
     * Fails a claimed entry whose content cannot be read, naming why and where the content was; it stays claimed
     * (never due again) when the failure cannot be journalled, so that it is not read again at every poll.
     */
    private void setAside(Slot slot, String why, Instant now) {
        String where = slot.hasContent() ? " (segment " + Segment.fileName(slot.messageSegment) + ", offset "
                + slot.messageOffset + ", " + slot.messageLength + " bytes)" : "";
        String reason = "the journalled message cannot be read" + where + ": " + why;
        LOG.error("Outbox message {} is set aside as failed: {}", slot.entry.id(), reason);
        OutboxEntry e = slot.entry;
        OutboxEntry failed = new OutboxEntry(e.id(), e.serverId(), e.channel(), e.messageId(), OutboxState.FAILED,
                e.enqueuedAt(), e.queuedSince(), e.attempts(), Optional.empty(),
                Optional.of(FailureClass.INVALID_MESSAGE), Optional.of(reason), e.accepted(), e.rejected(),
                Optional.of(now), Optional.empty());
        if (readOnly || closed) {
            return;
        }
        try {
            update(failed, null);
        } catch (JournalException ex) {
            LOG.error("Outbox message {}: setting it aside could not be journalled: {}", e.id(), ex.getMessage());
        }
    }

    @Override
    public boolean update(OutboxEntry entry, byte[] message) {
        return update(List.of(new Update(entry, message, 0))).get(0);
    }

    /** Appends the updates as one write (one fsync), each applied only while its claim is held. */
    @Override
    public List<Boolean> update(List<Update> updates) {
        List<byte[]> records = new ArrayList<>(updates.size());
        List<GroupCommitWriter.Apply> applies = new ArrayList<>(updates.size());
        List<Integer> written = new ArrayList<>(updates.size());
        for (int i = 0; i < updates.size(); i++) {
            Update u = updates.get(i);
            if (index.holds(u.entry().id(), u.token())) {
                byte[] encoded = EntryCodec.encode(u.entry());
                records.add(Records.entry(encoded, u.message()));
                applies.add(applyUpdate(u, encoded.length));
                written.add(i);
            }
        }
        boolean[] applied = new boolean[records.size()];
        if (!records.isEmpty()) {
            try {
                GroupCommitWriter.Write w = GroupCommitWriter.Write.of(records, applies, applied);
                writer().submit(w);
                GroupCommitWriter.await(w);
            } catch (JournalException e) {
                written.forEach(i -> release(updates.get(i).entry().id()));
                throw e;
            }
        }
        List<Boolean> stored = new ArrayList<>(java.util.Collections.nCopies(updates.size(), Boolean.FALSE));
        for (int i = 0; i < written.size(); i++) {
            stored.set(written.get(i), applied[i]);
        }
        return stored;
    }

    private GroupCommitWriter.Apply applyUpdate(Update u, int encodedLength) {
        OutboxEntry entry = u.entry();
        byte[] message = u.message();
        return (segment, offset) -> {
            Slot current = index.get(entry.id());
            if (!index.holds(entry.id(), u.token())) {
                return false;
            }
            Slot next = new Slot(entry, segment);
            index.put(message == null ? next.contentOf(current)
                    : next.content(segment, offset + Records.messageOffset(encodedLength), message.length));
            return true;
        };
    }

    @Override
    public void release(String id) {
        index.release(id);
    }

    @Override
    public void pause(String server) {
        changePaused(server, true);
    }

    @Override
    public void resume(String server) {
        changePaused(server, false);
    }

    private void changePaused(String server, boolean pause) {
        writer();
        synchronized (directory) {
            Set<String> paused = new java.util.TreeSet<>(index.paused());
            if (pause ? paused.add(server) : paused.remove(server)) {
                directory.pausedServers(paused);
                index.paused(paused);
            }
        }
    }

    @Override
    public void slowDown(String server, Instant until) {
        index.hold(server, until);
    }

    @Override
    public Optional<Instant> takeBudget(String server, int recipients, Instant now, RateLimit limit) {
        if (!limit.isLimited()) {
            return Optional.empty();
        }
        RateBudget.Decision decision;
        synchronized (budgets) {
            decision = budgets.getOrDefault(server, RateBudget.EMPTY).take(recipients, now, limit);
            budgets.put(server, decision.budget());
        }
        decision.fitsAt().ifPresent(at -> index.hold(server, at));
        return decision.fitsAt();
    }

    @Override
    public OutboxStats stats(Instant now) {
        synchronized (index) {
            return new OutboxStats(now, index.counts(), index.oldestDue(now), index.paused(), index.held(now));
        }
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
        return index.find(id);
    }

    @Override
    public Optional<OutboxEntry> findByMessageId(String messageId) {
        return index.findByMessageId(messageId);
    }

    @Override
    public Optional<OutboxEntry> findByServiceMessageId(String serviceMessageId) {
        return index.findByServiceMessageId(serviceMessageId);
    }

    @Override
    public List<OutboxEntry> list(Set<OutboxState> states, int limit) {
        return index.list(states, limit);
    }

    @Override
    public Map<OutboxState, Long> counts() {
        return index.counts();
    }

    @Override
    public Optional<Instant> nextDue() {
        return index.nextDue();
    }

    @Override
    public boolean requeue(String id, Instant now) {
        Slot slot = index.get(id);
        if (!requeueable(slot)) {
            return false;
        }
        OutboxEntry requeued = slot.entry.requeued(now);
        return write(Records.entry(EntryCodec.encode(requeued), null), (segment, offset) -> {
            Slot current = index.get(id);
            if (!requeueable(current)) {
                return false;
            }
            index.put(new Slot(requeued, segment).contentOf(current));
            return true;
        });
    }

    @Override
    public boolean recordDelivery(String id, DeliveryStatus status) {
        Slot slot = index.get(id);
        if (!deliveryMoves(slot, status)) {
            return false;
        }
        OutboxEntry delivered = slot.entry.withDelivery(status);
        return write(Records.entry(EntryCodec.encode(delivered), null), (segment, offset) -> {
            Slot current = index.get(id);
            if (!deliveryMoves(current, status)) {
                return false;
            }
            index.put(new Slot(delivered, segment).contentOf(current));
            return true;
        });
    }

    private static boolean deliveryMoves(Slot slot, DeliveryStatus status) {
        return slot != null && slot.entry.state().isFinal() && !slot.claimed
                && status.movesOn(slot.entry.delivery().orElse(null));
    }

    private static boolean requeueable(Slot slot) {
        return slot != null && slot.entry.state() == OutboxState.FAILED && !slot.claimed && slot.hasContent();
    }

    @Override
    public int purge(Set<OutboxState> states, Set<String> ids) {
        List<String> chosen = index.slots().stream().filter(s -> !s.claimed && states.contains(s.entry.state()))
                .map(s -> s.entry.id()).filter(id -> ids.isEmpty() || ids.contains(id)).toList();
        List<GroupCommitWriter.Write> pending = new ArrayList<>();
        for (String id : chosen) {
            GroupCommitWriter.Write w = new GroupCommitWriter.Write(Records.removed(id), (segment, offset) -> {
                Slot slot = index.get(id);
                if (slot == null || slot.claimed) {
                    return false;
                }
                index.remove(id);
                return true;
            });
            writer().submit(w);
            pending.add(w);
        }
        int removed = 0;
        for (GroupCommitWriter.Write w : pending) {
            removed += GroupCommitWriter.await(w) ? 1 : 0;
        }
        return removed;
    }

    @Override
    public void expire(Instant now) {
        index.expire(now);
        if (writer != null) {
            writer.wake();
        }
    }

    @Override
    public String describe() {
        return "file journal " + directory;
    }

    private boolean write(byte[] record, GroupCommitWriter.Apply apply) {
        return writer().write(record, apply);
    }

    private GroupCommitWriter writer() {
        if (readOnly) {
            throw new JournalException("the outbox journal " + directory + " was opened read-only", null);
        }
        if (closed) {
            throw new JournalException("the outbox journal " + directory + " is closed", null);
        }
        return writer;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            writer.stop();
        }
        closeFiles();
    }

    private void closeFiles() {
        synchronized (index) {
            index.segments.values().forEach(Segment::closeQuietly);
        }
        directory.unlock();
    }

    @Override
    public String toString() {
        return "SegmentedJournal[" + directory + (readOnly ? ", read-only" : "") + "]";
    }
}
