package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MailDateFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The Date header is what Jakarta Mail's MailDateFormat writes, in every time zone, across DST changes. */
class MailDatesTest {

    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2025-03-04T05:06:07Z"),
            Instant.parse("2025-01-15T12:00:00Z"),
            Instant.parse("2025-07-15T23:59:59Z"),
            Instant.parse("2025-03-30T00:59:59Z"),
            Instant.parse("2025-03-30T01:00:00Z"),
            Instant.parse("2025-10-26T00:59:59Z"),
            Instant.parse("2025-10-26T01:00:00Z"),
            Instant.parse("2000-02-29T00:00:00Z"),
            Instant.parse("1890-06-01T12:34:56Z"),
            Instant.parse("2038-02-01T00:00:00Z"),
            Instant.parse("2099-12-31T23:59:59.999Z"));

    @Test
    void dateIsWrittenAsMailDateFormatWritesItInEveryTimeZone() {
        List<String> ids = new ArrayList<>(List.of(TimeZone.getAvailableIDs()));
        ids.addAll(List.of("GMT+05:30", "GMT-08:00", "GMT+14:00"));
        List<String> different = new ArrayList<>();

        for (String id : ids) {
            TimeZone zone = TimeZone.getTimeZone(id);
            MailDateFormat jakarta = new MailDateFormat();
            jakarta.setTimeZone(zone);
            for (Instant instant : INSTANTS) {
                String expected = jakarta.format(Date.from(instant));
                String actual = MailDates.format(instant, zone);
                if (!actual.equals(expected)) {
                    different.add(id + " at " + instant + ": " + actual + " instead of " + expected);
                }
            }
        }

        assertThat(ids).hasSizeGreaterThan(500);
        assertThat(different).isEmpty();
    }
}
