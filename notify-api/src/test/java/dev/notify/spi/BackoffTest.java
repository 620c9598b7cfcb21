package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = Backoff.of(Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void eachWaitIsBetweenHalfAndAllOfTheDoubledDelay() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1, Optional.empty())).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
            assertThat(backoff.delay(3, Optional.empty())).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(120));
        }
    }

    @Test
    void manyAttemptsAreCappedAtTheMaximumWithoutOverflow() {
        for (int attempt : new int[] {40, 63, 64, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.delay(attempt, Optional.empty())).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
        }
    }

    @Test
    void aLongerServerRequestedDelayIsHonouredUpToTheMaximum() {
        assertThat(backoff.delay(1, Optional.of(Duration.ofMinutes(5)))).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(1, Optional.of(Duration.ofHours(5)))).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(-5)))).isBetween(Duration.ofSeconds(15),
                Duration.ofSeconds(30));
    }

    @Test
    void hostileRetryAfterValuesAreCappedNotOverflowed() {
        Duration seconds = Duration.ofSeconds(9_999_999_999L);
        Duration year9999 = Duration.between(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59Z"));

        for (Duration requested : new Duration[] {seconds, year9999, Duration.ofSeconds(Long.MAX_VALUE)}) {
            assertThat(backoff.delay(1, Optional.of(requested))).isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    void hugeSettingsSaturateInsteadOfOverflowing() {
        Backoff huge = Backoff.of(ChronoUnit.MILLENNIA.getDuration(), Duration.ofSeconds(Long.MAX_VALUE));

        assertThat(huge.delay(5, Optional.of(Duration.ofSeconds(Long.MAX_VALUE))))
                .isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Test
    void negativeDelaysAreRefusedAndNamed() {
        assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(-1), Duration.ZERO)).hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> Backoff.of(Duration.ZERO, Duration.ofSeconds(-1))).hasMessageContaining("maxDelay");
    }
}
