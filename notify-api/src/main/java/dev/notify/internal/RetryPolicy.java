package dev.notify.internal;

import dev.notify.Channel;
import dev.notify.DeliveryException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy of every provider: transient failures only, exponential backoff from
 * {@code <channel>.retry.initial-delay} with jitter (each wait between half and all of the doubled delay),
 * a server-requested delay honoured, every wait capped at {@code <channel>.retry.max-delay}, and no attempt
 * started after {@code <channel>.retry.max-time} or beyond {@code <channel>.retry.max-attempts}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxTime) {

    public static RetryPolicy from(ResolvedSettings settings, Channel channel) {
        SettingKeys.RetryKeys keys = SettingKeys.retry(channel);
        return new RetryPolicy(settings.get(keys.maxAttempts()), settings.get(keys.initialDelay()),
                settings.get(keys.maxDelay()), settings.get(keys.maxTime()));
    }

    /**
     * The wait before the next attempt, or null when {@code failure} must not be retried.
     *
     * @param attempts attempts made so far
     * @param elapsed  time since the first attempt started
     */
    public Duration delayBeforeRetry(DeliveryException failure, int attempts, Duration elapsed) {
        if (!failure.isTransient() || attempts >= maxAttempts) {
            return null;
        }
        double doubled = initialDelay.toNanos() * Math.pow(2, Math.min(attempts - 1, 62));
        long base = (long) Math.min(doubled, (double) maxDelay.toNanos());
        long delay = base <= 0 ? 0 : base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        if (failure.retryAfter().isPresent()) {
            delay = Math.min(Math.max(delay, failure.retryAfter().get().toNanos()), maxDelay.toNanos());
        }
        if (elapsed.toNanos() + delay >= maxTime.toNanos()) {
            return null;
        }
        return Duration.ofNanos(delay);
    }
}
