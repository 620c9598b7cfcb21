package dev.notify.outbox.internal;

import dev.notify.DeliveryException;
import dev.notify.FailureClass;
import dev.notify.NotifyException;
import dev.notify.outbox.OutboxSettings;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a queued message is tried again: after a failure that may pass (transient, settings, unexpected), the
 * wait doubles from {@code outbox.retry.initial-delay} with jitter (between half and all of it), is capped at
 * {@code outbox.retry.max-delay} also when the server asks for more, and no attempt is due after
 * {@code outbox.max-age} since the message was queued. Values are read per attempt, so changed settings apply.
 */
record Backoff(Duration maxAge, Duration initialDelay, Duration maxDelay, Duration keepAccepted, Duration keepFailed) {

    /** The server's values; a key without a usable value (an entry that could not be read) has its default. */
    static Backoff from(ResolvedSettings settings) {
        return new Backoff(value(settings, OutboxSettings.MAX_AGE, Duration.ofDays(2)),
                value(settings, OutboxSettings.RETRY_INITIAL_DELAY, Duration.ofSeconds(30)),
                value(settings, OutboxSettings.RETRY_MAX_DELAY, Duration.ofHours(1)),
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

    /** The wait after failed attempt number {@code attempt}. */
    Duration delay(RuntimeException failure, int attempt) {
        double doubled = initialDelay.toNanos() * Math.pow(2, Math.min(attempt - 1, 62));
        long base = (long) Math.min(doubled, (double) maxDelay.toNanos());
        long delay = base <= 0 ? 0 : base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        if (failure instanceof DeliveryException d && d.retryAfter().isPresent()) {
            delay = Math.min(Math.max(delay, d.retryAfter().get().toNanos()), maxDelay.toNanos());
        }
        return Duration.ofNanos(delay);
    }

    /** The next attempt after {@code failure}, or empty when it cannot pass or would be past the deadline. */
    Optional<Instant> next(RuntimeException failure, int attempt, Instant now, Instant queuedSince) {
        if (!mayPass(failure)) {
            return Optional.empty();
        }
        Instant at = now.plus(delay(failure, attempt));
        return at.isAfter(queuedSince.plus(maxAge)) ? Optional.empty() : Optional.of(at);
    }
}
