package dev.notify.outbox.internal;

import dev.notify.DeliveryException;
import dev.notify.FailureClass;
import dev.notify.NotifyException;
import dev.notify.outbox.OutboxSettings;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.spi.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a queued message is tried again: after a failure that may pass (transient, settings, unexpected), the
 * wait comes from the {@link Backoff} of {@code outbox.retry.initial-delay} and {@code outbox.retry.max-delay}
 * (capped at the maximum also when the server asks for more), and no attempt is due after {@code outbox.max-age}
 * since the message was queued. Values are read per attempt, so changed settings apply. Times saturate at
 * {@link Instant#MAX}: no setting or server-requested delay overflows.
 */
record RetrySchedule(Duration maxAge, Backoff backoff, Duration keepAccepted, Duration keepFailed) {

    /** The server's values; a key without a usable value (an entry that could not be read) has its default. */
    static RetrySchedule from(ResolvedSettings settings) {
        return new RetrySchedule(value(settings, OutboxSettings.MAX_AGE, Duration.ofDays(2)),
                Backoff.of(value(settings, OutboxSettings.RETRY_INITIAL_DELAY, Duration.ofSeconds(30)),
                        value(settings, OutboxSettings.RETRY_MAX_DELAY, Duration.ofHours(1))),
                value(settings, OutboxSettings.KEEP_ACCEPTED, Duration.ofHours(1)),
                value(settings, OutboxSettings.KEEP_FAILED, Duration.ofDays(7)));
    }

    private static Duration value(ResolvedSettings settings, SettingKey<Duration> key, Duration fallback) {
        return settings.find(key).orElse(fallback);
    }

    /** The failure's class; an exception notify did not classify counts as transient. */
    static FailureClass classOf(RuntimeException failure) {
        return failure instanceof NotifyException n ? FailureClass.of(n) : FailureClass.TRANSIENT;
    }

    static boolean mayPass(RuntimeException failure) {
        FailureClass c = classOf(failure);
        return c == FailureClass.TRANSIENT || c == FailureClass.SETTINGS || c == FailureClass.REJECTED;
    }

    /** {@code from + duration}, or {@link Instant#MAX} when that is past the last instant Java can express. */
    static Instant after(Instant from, Duration duration) {
        if (Duration.between(from, Instant.MAX).compareTo(duration) <= 0) {
            return Instant.MAX;
        }
        return from.plus(duration);
    }

    /** The wait after failed attempt number {@code attempt}. */
    Duration delay(RuntimeException failure, int attempt) {
        Optional<Duration> requested = failure instanceof DeliveryException d ? d.retryAfter() : Optional.empty();
        return backoff.delay(attempt, requested);
    }

    /** The next attempt after {@code failure}, or empty when it cannot pass or would be past the deadline. */
    Optional<Instant> next(RuntimeException failure, int attempt, Instant now, Instant queuedSince) {
        if (!mayPass(failure)) {
            return Optional.empty();
        }
        Instant at = after(now, delay(failure, attempt));
        return at.isAfter(after(queuedSince, maxAge)) ? Optional.empty() : Optional.of(at);
    }
}
