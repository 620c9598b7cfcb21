package dev.notify.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link DurableOutbox}'s figures at one instant, for health checks, metrics and operators.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param at            when they were taken
 * @param counts        how many messages are in each state; every state is a key
 * @param oldestDue     when the message that has waited longest since it fell due fell due; empty when none is
 *                      due (the backlog's lag is {@link #oldestDueAge()})
 * @param pausedServers servers paused by an operator (the global settings as {@code ""}); their messages stay queued
 * @param heldUntil     servers held until a later time because their relay asked to slow down (SMTP 421, HTTP 429)
 *                      or their rate budget is spent, with that time
 */
public record OutboxStats(Instant at, Map<OutboxState, Long> counts, Optional<Instant> oldestDue,
        Set<String> pausedServers, Map<String, Instant> heldUntil) {

    public OutboxStats {
        Objects.requireNonNull(at, "at");
        Map<OutboxState, Long> all = new EnumMap<>(OutboxState.class);
        for (OutboxState state : OutboxState.values()) {
            all.put(state, counts.getOrDefault(state, 0L));
        }
        counts = java.util.Collections.unmodifiableMap(all);
        Objects.requireNonNull(oldestDue, "oldestDue");
        pausedServers = Set.copyOf(pausedServers);
        heldUntil = java.util.Collections.unmodifiableMap(new TreeMap<>(heldUntil));
    }

    /** How long the message that has waited longest since it fell due has waited; zero when none is due. */
    public Duration oldestDueAge() {
        return oldestDue.map(t -> t.isAfter(at) ? Duration.ZERO : Duration.between(t, at)).orElse(Duration.ZERO);
    }

    /** Messages waiting for an attempt: pending and retrying. */
    public long waiting() {
        return counts.get(OutboxState.PENDING) + counts.get(OutboxState.RETRYING);
    }
}
