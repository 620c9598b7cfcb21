package dev.notify.outbox.support;

import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.spi.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory journal with leases, as a database journal shared by several processes has them: a claim runs out
 * {@code lease} after it was taken or renewed, and its entry may then be claimed again (by another process: the
 * test) under a new token; an update or renewal under an older token changes nothing. A fake for the outbox's lease
 * renewal; threadsafe.
 */
public final class LeasingJournal implements Journal {

    private static final class Row {
        OutboxEntry entry;
        byte[] message;
        long token;
        Instant leaseUntil;
    }

    private final Duration lease;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private long lastToken;

    public LeasingJournal(Duration lease) {
        this.lease = lease;
    }

    @Override
    public synchronized void append(OutboxEntry entry, byte[] message) {
        Row row = new Row();
        row.entry = entry;
        row.message = message;
        rows.put(entry.id(), row);
    }

    @Override
    public synchronized List<Claim> claimDue(Instant now, int max) {
        List<Claim> claims = new ArrayList<>();
        for (Row row : rows.values().stream().sorted(Comparator.comparing(r -> r.entry.nextAttemptAt().orElse(Instant.MAX)))
                .toList()) {
            if (claims.size() < max && row.entry.isDue(now) && (row.leaseUntil == null || row.leaseUntil.isBefore(now))) {
                row.token = ++lastToken;
                row.leaseUntil = now.plus(lease);
                claims.add(new Claim(row.entry, row.message, row.token));
            }
        }
        return claims;
    }

    @Override
    public synchronized boolean update(OutboxEntry entry, byte[] message) {
        throw new UnsupportedOperationException("the outbox updates with tokens");
    }

    @Override
    public synchronized List<Boolean> update(List<Update> updates) {
        List<Boolean> stored = new ArrayList<>();
        for (Update u : updates) {
            Row row = rows.get(u.entry().id());
            boolean held = row != null && row.leaseUntil != null && row.token == u.token();
            if (held) {
                row.entry = u.entry();
                row.message = u.message() == null ? row.message : u.message();
                row.leaseUntil = null;
            }
            stored.add(held);
        }
        return stored;
    }

    @Override
    public synchronized void release(String id) {
        rows.get(id).leaseUntil = null;
    }

    @Override
    public Optional<Duration> lease() {
        return Optional.of(lease);
    }

    @Override
    public synchronized List<Boolean> renew(List<Claim> claims, Instant now) {
        List<Boolean> held = new ArrayList<>();
        for (Claim claim : claims) {
            Row row = rows.get(claim.entry().id());
            boolean still = row != null && row.leaseUntil != null && row.token == claim.token();
            if (still) {
                row.leaseUntil = now.plus(lease);
            }
            held.add(still);
        }
        return held;
    }

    /** The token of the entry's current claim, 0 when it is not claimed. */
    public synchronized long claimToken(String id) {
        Row row = rows.get(id);
        return row.leaseUntil == null ? 0 : row.token;
    }

    @Override
    public synchronized Optional<OutboxEntry> find(String id) {
        return Optional.ofNullable(rows.get(id)).map(r -> r.entry);
    }

    @Override
    public synchronized List<OutboxEntry> list(Set<OutboxState> states, int limit) {
        return rows.values().stream().map(r -> r.entry).filter(e -> states.contains(e.state())).limit(limit).toList();
    }

    @Override
    public synchronized Map<OutboxState, Long> counts() {
        Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
        for (OutboxState state : OutboxState.values()) {
            counts.put(state, rows.values().stream().filter(r -> r.entry.state() == state).count());
        }
        return counts;
    }

    @Override
    public synchronized Optional<Instant> nextDue() {
        return rows.values().stream().filter(r -> r.leaseUntil == null).map(r -> r.entry.nextAttemptAt())
                .flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    @Override
    public boolean requeue(String id, Instant now) {
        return false;
    }

    @Override
    public int purge(Set<OutboxState> states, Set<String> ids) {
        return 0;
    }

    @Override
    public void expire(Instant now) {
    }

    @Override
    public String describe() {
        return "leasing test journal";
    }

    @Override
    public void close() {
    }
}
