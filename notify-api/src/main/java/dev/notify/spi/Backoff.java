package dev.notify.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * notify's one exponential back-off, used by the notifier's retries and by the durable outbox: the wait after
 * failed attempt {@code n} is drawn between half and all of {@code initialDelay × 2^(n-1)}, capped at
 * {@code maxDelay}; a delay the server asked for ({@code Retry-After}) is honoured when longer, and capped at
 * {@code maxDelay} too. Every computation saturates: no attempt number, setting or server-requested delay (a
 * {@code Retry-After} of 9999999999 seconds, a date in year 9999) overflows, each gives a wait of at most
 * {@code maxDelay}.
 *
 * <pre>{@code
 * Backoff backoff = Backoff.of(Duration.ofSeconds(30), Duration.ofHours(1));
 * Duration wait = backoff.delay(3, failure.retryAfter());   // 1 to 2 minutes, or what the server asked, ≤ 1 h
 * }</pre>
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Backoff {

    /** The longest duration that {@link Duration#toNanos()} can express (about 292 years). */
    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    private final Duration initialDelay;
    private final Duration maxDelay;

    private Backoff(Duration initialDelay, Duration maxDelay) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * A back-off starting at {@code initialDelay} and never waiting longer than {@code maxDelay}.
     *
     * @throws IllegalArgumentException when either is negative
     */
    public static Backoff of(Duration initialDelay, Duration maxDelay) {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay must not be negative, was " + initialDelay);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative, was " + maxDelay);
        }
        return new Backoff(initialDelay, maxDelay);
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * The wait after failed attempt number {@code attempt} (1 for the first): between half and all of the doubled
     * delay, at least {@code serverRequested} when given, never more than {@link #maxDelay()}.
     *
     * @param attempt         attempts made so far; values below 1 count as 1
     * @param serverRequested the delay the server asked for; a negative one counts as none
     */
    public Duration delay(int attempt, Optional<Duration> serverRequested) {
        long max = nanos(maxDelay);
        long base = Math.min(doubled(nanos(initialDelay), Math.max(attempt, 1) - 1), max);
        long delay = base <= 0 ? 0 : base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        if (serverRequested.isPresent() && !serverRequested.get().isNegative()) {
            delay = Math.min(Math.max(delay, nanos(serverRequested.get())), max);
        }
        return Duration.ofNanos(delay);
    }

    /** {@code initial × 2^doublings}, saturated at {@link Long#MAX_VALUE}. */
    private static long doubled(long initial, int doublings) {
        if (initial == 0) {
            return 0;
        }
        if (doublings >= Long.numberOfLeadingZeros(initial)) {
            return Long.MAX_VALUE;
        }
        return initial << doublings;
    }

    private static long nanos(Duration d) {
        return d.compareTo(MAX_NANOS) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Backoff b && b.initialDelay.equals(initialDelay) && b.maxDelay.equals(maxDelay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialDelay, maxDelay);
    }

    @Override
    public String toString() {
        return "Backoff[initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + "]";
    }
}
