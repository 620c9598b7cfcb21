package dev.notify.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;

    @Test
    void allowsPermitsPerWindowPerKeyThenSaysWhenTheNextFrees() {
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), clock);

        assertThat(limiter.tryAcquire("alice")).isEmpty();
        now.set(now.get().plusSeconds(10));
        assertThat(limiter.tryAcquire("alice")).isEmpty();
        assertThat(limiter.tryAcquire("alice")).contains(Duration.ofSeconds(50));
        assertThat(limiter.tryAcquire("bob")).isEmpty();

        now.set(now.get().plusSeconds(50));
        assertThat(limiter.tryAcquire("alice")).isEmpty();
        assertThat(limiter.tryAcquire("alice")).contains(Duration.ofSeconds(10));
    }

    @Test
    void remembersAtMostMaxKeys() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), clock, 2);
        limiter.tryAcquire("a");
        limiter.tryAcquire("b");
        limiter.tryAcquire("c");

        assertThat(limiter.tryAcquire("a")).as("forgotten, so free again").isEmpty();
        assertThat(limiter.tryAcquire("c")).isPresent();
    }
}
