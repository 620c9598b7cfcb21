package dev.notify.spi;

import dev.notify.Scheduler;
import dev.notify.settings.ResolvedSettings;
import java.time.Clock;
import java.util.Objects;

/**
 * What a provider gets to build a sender: the resolved, valid settings, and the notifier's clock and scheduler.
 * A sender takes the time from {@link #clock()} (dates in messages, token lifetimes, carriers' closing dates) and
 * waits or schedules with {@link #scheduler()}, never with a clock or a thread of its own, so a host or a test that
 * controls the notifier's time controls the sender's too.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class SenderContext {

    private final ResolvedSettings settings;
    private final Clock clock;
    private final Scheduler scheduler;

    /**
     * A context; the notifier makes one for every sender it builds. Tests of a sender make their own, with a fixed
     * clock and the test kit's {@code ManualScheduler}.
     */
    public SenderContext(ResolvedSettings settings, Clock clock, Scheduler scheduler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The settings of the server (or servers) this sender serves; only the provider's sections differ between them. */
    public ResolvedSettings settings() {
        return settings;
    }

    /** The notifier's clock ({@code Notifier.builder().clock(...)}, by default the system clock in UTC). */
    public Clock clock() {
        return clock;
    }

    /**
     * The notifier's scheduler ({@code Notifier.builder().scheduler(...)}, by default one daemon thread the
     * notifier owns): for work a sender does later, such as renewing a token. Owned by the notifier: never shut
     * it down.
     */
    public Scheduler scheduler() {
        return scheduler;
    }
}
