package dev.notify.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.DeliveryException;
import dev.notify.TransientDeliveryException;
import dev.notify.spi.Backoff;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofDays(2),
            Backoff.of(Duration.ofSeconds(30), Duration.ofHours(1)), Duration.ofHours(1), Duration.ofDays(7));

    private static TransientDeliveryException busy(Duration retryAfter) {
        return new TransientDeliveryException("429 busy", DeliveryException.Details.of().retryAfter(retryAfter), null);
    }

    @Test
    void aRetryAfterOfTenBillionSecondsIsCappedAtTheMaximumDelay() {
        assertThat(schedule.next(busy(Duration.ofSeconds(9_999_999_999L)), 1, NOW, NOW))
                .contains(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void aRetryAfterDateInYear9999IsCappedAtTheMaximumDelay() {
        Duration untilYear9999 = Duration.between(NOW, Instant.parse("9999-12-31T23:59:59Z"));

        assertThat(schedule.next(busy(untilYear9999), 1, NOW, NOW)).contains(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void hugeSettingsSaturateAtTheLastInstantInsteadOfOverflowing() {
        RetrySchedule huge = new RetrySchedule(Duration.ofSeconds(Long.MAX_VALUE),
                Backoff.of(Duration.ofDays(1), Duration.ofSeconds(Long.MAX_VALUE)), Duration.ofSeconds(Long.MAX_VALUE),
                Duration.ofSeconds(Long.MAX_VALUE));

        assertThat(huge.next(busy(Duration.ofSeconds(Long.MAX_VALUE)), 1, NOW, NOW)).isPresent();
        assertThat(RetrySchedule.after(NOW, huge.keepFailed())).isEqualTo(Instant.MAX);
    }
}
