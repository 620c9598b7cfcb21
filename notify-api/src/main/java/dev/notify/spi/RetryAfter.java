package dev.notify.spi;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110: delay-seconds or an HTTP date), for providers that pass a
 * server's wish on with {@link dev.notify.DeliveryException.Details#retryAfter(java.time.Duration)}.
 *
 * <p>This class is stateless and threadsafe.
 */
public final class RetryAfter {

    /**
     * The longest delay {@link #parse} returns, and that {@link dev.notify.DeliveryException.Details#retryAfter}
     * keeps: one day. A longer wish is capped to it (the notifier's {@code <channel>.retry.max-delay} caps it
     * further), so no delay overflows when added to an instant or converted to nanoseconds.
     */
    public static final Duration MAXIMUM = Duration.ofDays(1);

    private RetryAfter() {
    }

    /**
     * The delay asked for, never negative and at most {@link #MAXIMUM}, for delay-seconds of any length and any
     * date; empty when the header is absent or unreadable. Never throws.
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String digits = value.replaceFirst("^0+(?=.)", "");
            return Optional.of(digits.length() > 7 ? MAXIMUM : capped(Duration.ofSeconds(Long.parseLong(digits))));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            if (!at.isAfter(now)) {
                return Optional.of(Duration.ZERO);
            }
            return Optional.of(at.isAfter(now.plus(MAXIMUM)) ? MAXIMUM : Duration.between(now, at));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The delay, at least zero and at most {@link #MAXIMUM}. */
    public static Duration capped(Duration delay) {
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(MAXIMUM) > 0 ? MAXIMUM : delay;
    }
}
