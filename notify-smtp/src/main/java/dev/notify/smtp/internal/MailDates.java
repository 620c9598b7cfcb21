package dev.notify.smtp.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The Date header as Jakarta Mail's {@code MailDateFormat} writes it ({@code Tue, 4 Mar 2025 05:06:07 +0000 (UTC)}),
 * with the offset and zone name taken from the {@link TimeZone} as {@code SimpleDateFormat} takes them, but without
 * the lock that {@code MimeMessage.setSentDate} holds around its one shared formatter.
 */
final class MailDates {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private MailDates() {
    }

    /** The instant in the zone; years are written with at least four digits. */
    static String format(Instant instant, TimeZone zone) {
        long millis = instant.toEpochMilli();
        int offset = zone.getOffset(millis);
        int offsetMinutes = offset / 60_000;
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0,
                ZoneOffset.ofTotalSeconds(offset / 1000));
        StringBuilder out = new StringBuilder(40)
                .append(DAYS[local.getDayOfWeek().ordinal()]).append(", ")
                .append(local.getDayOfMonth()).append(' ')
                .append(MONTHS[local.getMonthValue() - 1]).append(' ');
        padded(out, local.getYear(), 4).append(' ');
        padded(out, local.getHour(), 2).append(':');
        padded(out, local.getMinute(), 2).append(':');
        padded(out, local.getSecond(), 2).append(' ').append(offsetMinutes < 0 ? '-' : '+');
        padded(out, Math.abs(offsetMinutes) / 60, 2);
        padded(out, Math.abs(offsetMinutes) % 60, 2);
        boolean daylight = zone.inDaylightTime(new Date(millis));
        return out.append(" (").append(zone.getDisplayName(daylight, TimeZone.SHORT, Locale.US)).append(')').toString();
    }

    private static StringBuilder padded(StringBuilder out, int value, int digits) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < digits; i++) {
            out.append('0');
        }
        return out.append(text);
    }
}
