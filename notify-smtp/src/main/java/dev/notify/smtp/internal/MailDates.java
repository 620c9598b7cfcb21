package dev.notify.smtp.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The Date header as Jakarta Mail's {@code MailDateFormat} writes it ({@code Tue, 4 Mar 2025 05:06:07 +0000 (UTC)}),
 * with the offset and zone name taken from the {@link TimeZone} as {@code SimpleDateFormat} takes them, but without
 * the lock that {@code MimeMessage.setSentDate} holds around its one shared formatter.
 */
final class MailDates {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx",
            Locale.US);

    private MailDates() {
    }

    static String format(Instant instant, TimeZone zone) {
        long millis = instant.toEpochMilli();
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(zone.getOffset(millis) / 1000);
        boolean daylight = zone.inDaylightTime(new Date(millis));
        return DATE_TIME.format(instant.atOffset(offset)) + " (" + zone.getDisplayName(daylight, TimeZone.SHORT,
                Locale.US) + ")";
    }
}
