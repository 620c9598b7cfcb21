package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.DeliveryException;
import dev.notify.TransientDeliveryException;
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
    }

    @ParameterizedTest
    @CsvSource({"9999999999", "99999999999999999999", "86401", "0000000000000000000000090000"})
    void longDelaysAreCappedAtOneDay(String header) {
        assertThat(RetryAfter.parse(header, NOW)).contains(RetryAfter.MAXIMUM).contains(Duration.ofDays(1));
    }

    @Test
    void delayOfAnyNumberOfDigitsIsCappedWithoutOverflow() {
        String digits = "9".repeat(100_000);

        assertThat(RetryAfter.parse(digits, NOW)).contains(RetryAfter.MAXIMUM);
        assertThat(RetryAfter.parse("0".repeat(100_000) + "7", NOW)).contains(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @CsvSource({"'Fri, 31 Dec 9999 23:59:59 GMT'", "'Mon, 02 Jun 2025 12:00:01 GMT'"})
    void datesMoreThanADayAheadAreCappedAtOneDay(String header) {
        assertThat(RetryAfter.parse(header, NOW)).contains(RetryAfter.MAXIMUM);
    }

    @Test
    void aDateIsReadAgainstTheLatestInstantWithoutOverflow() {
        assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", Instant.MAX)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Mon, 01 Jan 0001 00:00:00 GMT", Instant.MIN)).isPresent();
    }

    @Test
    void aProviderPassingAHugeDelayOnGetsItCapped() {
        DeliveryException failure = new TransientDeliveryException("throttled",
                DeliveryException.Details.of().retryAfter(Duration.ofSeconds(Long.MAX_VALUE)), null);

        assertThat(failure.retryAfter()).contains(RetryAfter.MAXIMUM);
        assertThat(failure.retryAfter().orElseThrow().toNanos()).isPositive();
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
    @CsvSource({"soon", "-5", "1.5", "+5", "٣"})
    void negativeFractionalOrOverlongSecondsAreIgnored(String header) {
        assertThat(RetryAfter.parse(header, Instant.EPOCH)).isEmpty();
    }
}
