package dev.notify.web;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Allows each key (an administrator, a client address) at most {@code permits} actions in any window of
 * {@code window}, measured on the given clock (the notifier's, so tests move time by hand). Keeps the times of
 * the last {@code permits} actions per key, for at most {@code maxKeys} keys (the least recently used are
 * forgotten), so memory stays bounded whoever calls. This class is threadsafe.
 */
public final class RateLimiter {

    private final int permits;
    private final Duration window;
    private final InstantSource clock;
    private final Map<String, Deque<Instant>> recent;

    /**
     * @param permits how many actions a key may take per window, at least 1
     * @param window  the window, positive
     * @param clock   the clock to measure with
     * @param maxKeys how many keys to remember, at least 1
     */
    public RateLimiter(int permits, Duration window, InstantSource clock, int maxKeys) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
        }
        this.permits = permits;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** A limiter remembering up to 10,000 keys. */
    public RateLimiter(int permits, Duration window, InstantSource clock) {
        this(permits, window, clock, 10_000);
    }

    /**
     * Takes a permit for {@code key} when one is free.
     *
     * @return empty when the action may go ahead (and is counted); otherwise how long until the next permit frees
     */
    public synchronized Optional<Duration> tryAcquire(String key) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
        if (times.size() >= permits) {
            return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
        }
        times.addLast(now);
        return Optional.empty();
    }

    public int permits() {
        return permits;
    }

    public Duration window() {
        return window;
    }

    @Override
    public String toString() {
        return "RateLimiter[" + permits + " per " + window + "]";
    }
}
