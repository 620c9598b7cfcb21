package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            120                           | PT2M
            0                             | PT0S
            Tue, 01 Jan 2030 00:01:00 GMT | PT1M
            Mon, 31 Dec 2029 23:59:00 GMT | PT0S
            """)
    void eitherFormIsReadAgainstTheGivenInstant(String header, Duration delay) {
        assertThat(RetryAfter.parse(header, Instant.parse("2030-01-01T00:00:00Z"))).contains(delay);
    }

    @ParameterizedTest
    @CsvSource({"soon", "-5", "1.5", "99999999999999999999"})
    void negativeFractionalOrOverlongSecondsAreIgnored(String header) {
        assertThat(RetryAfter.parse(header, Instant.EPOCH)).isEmpty();
    }
}
