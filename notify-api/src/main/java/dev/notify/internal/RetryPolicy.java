package dev.notify.internal;

import dev.notify.Channel;
import dev.notify.DeliveryException;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.spi.Backoff;
import java.time.Duration;

/**
 * The one retry policy of every provider: transient failures only, waits from {@link Backoff} (exponential from
 * {@code <channel>.retry.initial-delay} with jitter, a server-requested delay honoured, every wait capped at
 * {@code <channel>.retry.max-delay}), and no attempt
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
        Duration delay = Backoff.of(initialDelay, maxDelay).delay(attempts, failure.retryAfter());
        if (elapsed.plus(delay).compareTo(maxTime) >= 0) {
            return null;
        }
        return delay;
    }
}
