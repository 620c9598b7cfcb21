package dev.notify.outbox.internal;

import dev.notify.Scheduler;
import dev.notify.outbox.spi.Journal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims of the attempts in flight, and for a journal with {@linkplain Journal#lease() leases} their renewal:
 * every third of the lease, one {@link Journal#renew} for all of them. A claim the journal no longer holds is marked
 * lost; its worker then drops the attempt's outcome instead of reporting it over whoever holds the entry now.
 * Threadsafe.
 */
final class LeaseKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    /** A claim being delivered; {@link #lost()} once the journal said another may hold it. */
    static final class Held {
        final Journal.Claim claim;
        private volatile boolean lost;

        Held(Journal.Claim claim) {
            this.claim = claim;
        }

        boolean lost() {
            return lost;
        }
    }

    private final Journal journal;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Duration every;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private volatile Scheduler.Cancellable next;
    private volatile boolean stopped;

    LeaseKeeper(Journal journal, Clock clock, Scheduler scheduler) {
        this.journal = journal;
        this.clock = clock;
        this.scheduler = scheduler;
        this.every = journal.lease().map(lease -> lease.dividedBy(3)).orElse(null);
    }

    void start() {
        if (every != null) {
            next = scheduler.schedule(this::renew, every);
        }
    }

    Held hold(Journal.Claim claim) {
        Held h = new Held(claim);
        held.put(claim.entry().id(), h);
        return h;
    }

    void done(Held h) {
        held.remove(h.claim.entry().id(), h);
    }

    /** Renews every claim in flight, marks those the journal no longer holds, and schedules the next renewal. */
    void renew() {
        if (stopped) {
            return;
        }
        try {
            List<Held> running = new ArrayList<>(held.values());
            if (!running.isEmpty()) {
                List<Boolean> still = journal.renew(running.stream().map(h -> h.claim).toList(), clock.instant());
                for (int i = 0; i < running.size(); i++) {
                    if (!still.get(i)) {
                        running.get(i).lost = true;
                        LOG.warn("Outbox message {}: its claim was lost while the attempt was running (another "
                                + "process may deliver it); this attempt's outcome will not be recorded",
                                running.get(i).claim.entry().id());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox: the leases of the attempts in flight could not be renewed ({}); trying again in {} ms: {}",
                    journal.describe(), every.toMillis(), e.getMessage());
        }
        if (!stopped) {
            next = scheduler.schedule(this::renew, every);
        }
    }

    void stop() {
        stopped = true;
        Scheduler.Cancellable pending = next;
        if (pending != null) {
            pending.cancel();
        }
    }
}
