package dev.notify.spring.boot.outbox;

import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.OutboxStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable outbox's figures as gauges: {@code notify.outbox.messages} per {@code state} (pending, retrying,
 * accepted, partially_accepted, failed), {@code notify.outbox.oldest.due.age} (how long the message due longest has
 * waited: the backlog's lag), and {@code notify.outbox.servers.paused} / {@code notify.outbox.servers.held}. One
 * scrape reads the outbox's {@link DurableOutbox#stats()} once: the gauges share a reading for up to
 * {@code 1 second}. A reading that fails (the database down) gives NaN. This class is threadsafe.
 */
public final class NotifyOutboxMetrics implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyOutboxMetrics.class);
    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DurableOutbox outbox;
    private OutboxStats last;
    private long readAt;

    public NotifyOutboxMetrics(DurableOutbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OutboxState state : OutboxState.values()) {
            Gauge.builder("notify.outbox.messages", this, gauge(s -> s.counts().get(state)))
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("Messages in the durable outbox in this state")
                    .register(registry);
        }
        TimeGauge.builder("notify.outbox.oldest.due.age", this, TimeUnit.MILLISECONDS,
                gauge(s -> s.oldestDueAge().toMillis()))
                .description("How long the message due longest in the durable outbox has waited")
                .register(registry);
        Gauge.builder("notify.outbox.servers.paused", this, gauge(s -> s.pausedServers().size()))
                .description("Servers an operator paused; their messages stay queued")
                .register(registry);
        Gauge.builder("notify.outbox.servers.held", this, gauge(s -> s.heldUntil().size()))
                .description("Servers held back by a relay's 421/429 or a spent rate budget")
                .register(registry);
    }

    private static ToDoubleFunction<NotifyOutboxMetrics> gauge(ToDoubleFunction<OutboxStats> value) {
        return metrics -> {
            OutboxStats stats = metrics.stats();
            return stats == null ? Double.NaN : value.applyAsDouble(stats);
        };
    }

    private synchronized OutboxStats stats() {
        long now = System.nanoTime();
        if (last == null || now - readAt > FRESH_NANOS) {
            try {
                last = outbox.stats();
                readAt = now;
            } catch (RuntimeException e) {
                LOG.debug("notify outbox gauges: the stats cannot be read: {}", e.getMessage());
                last = null;
            }
        }
        return last;
    }
}
