package dev.notify.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110, section 10.2.3), for providers that call HTTP services and
 * pass the delay on with {@code DeliveryException.Details.retryAfter}: delay-seconds ({@code 120}) or an HTTP date
 * ({@code Sun, 01 Jun 2025 12:00:30 GMT}), compared with the provider's clock.
 *
 * <p>This class is threadsafe.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The delay asked for, never negative (a date in the past is no delay); empty when the header is absent or
     * unreadable.
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(now, at);
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
