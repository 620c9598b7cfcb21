package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void secondsAreReadAsADelay() {
        assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofSeconds(120));
    }

    @Test
    void httpDateIsReadAsTheTimeUntilThen() {
        assertThat(RetryAfter.parse("Sun, 01 Jun 2025 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void pastDateMeansNoWait() {
        assertThat(RetryAfter.parse("Sun, 01 Jun 2025 11:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void missingOrUnreadableHeaderIsEmpty() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEmpty();
    }
}
