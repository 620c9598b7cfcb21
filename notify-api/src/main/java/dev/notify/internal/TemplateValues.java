package dev.notify.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values a template may read, and how each is written for a locale. Only data: maps with string keys, lists,
 * strings, numbers, booleans, {@code java.time} values and enums; never an object whose methods a template
 * could reach.
 */
public final class TemplateValues {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM,
            FormatStyle.SHORT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT);

    private static final int MAX_CACHED_LOCALES = 256;
    /** Date formatters per locale: immutable, so shared by every thread. */
    private static final Map<Locale, DateTimeFormatter[]> DATE_FORMATS = new ConcurrentHashMap<>();
    /** Number formats are not threadsafe: each thread keeps those of the locale it formatted for last. */
    private static final ThreadLocal<NumberFormats> NUMBER_FORMATS = new ThreadLocal<>();

    private record NumberFormats(Locale locale, NumberFormat integers, NumberFormat decimals) {
        static NumberFormats of(Locale locale) {
            NumberFormat decimals = NumberFormat.getNumberInstance(locale);
            decimals.setMaximumFractionDigits(6);
            return new NumberFormats(locale, NumberFormat.getIntegerInstance(locale), decimals);
        }
    }

    private TemplateValues() {
    }

    /**
     * What is wrong with a variable's value, or null when templates may read it (nested maps and lists
     * included).
     */
    public static String problem(String name, Object value) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof Character || isTime(value)) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    return name + " is a map with a key that is not a string";
                }
                String nested = problem(name + "." + key, e.getValue());
                if (nested != null) {
                    return nested;
                }
            }
            return null;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                String nested = problem(name + "[" + i++ + "]", item);
                if (nested != null) {
                    return nested;
                }
            }
            return null;
        }
        return name + " is a " + value.getClass().getName() + "; templates read only maps, lists, strings, "
                + "numbers, booleans, java.time values and enums";
    }

    private static boolean isTime(Object value) {
        return value instanceof TemporalAccessor && value.getClass().getName().startsWith("java.time.");
    }

    private static NumberFormats numberFormats(Locale locale) {
        NumberFormats formats = NUMBER_FORMATS.get();
        if (formats == null || !formats.locale().equals(locale)) {
            formats = NumberFormats.of(locale);
            NUMBER_FORMATS.set(formats);
        }
        return formats;
    }

    private static DateTimeFormatter dateFormat(Locale locale, int style) {
        DateTimeFormatter[] formats = DATE_FORMATS.get(locale);
        if (formats == null) {
            formats = new DateTimeFormatter[] {DATE.withLocale(locale), DATE_TIME.withLocale(locale),
                TIME.withLocale(locale)};
            if (DATE_FORMATS.size() < MAX_CACHED_LOCALES) {
                DATE_FORMATS.put(locale, formats);
            }
        }
        return formats[style];
    }

    /** A scalar as text for the locale: grouped numbers, localized dates, enum names. */
    public static String format(Object value, Locale locale, ZoneId zone) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return numberFormats(locale).integers().format(value);
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return numberFormats(locale).decimals().format(value);
        }
        if (value instanceof LocalDate date) {
            return dateFormat(locale, 0).format(date);
        }
        if (value instanceof LocalDateTime || value instanceof ZonedDateTime || value instanceof OffsetDateTime) {
            return dateFormat(locale, 1).format((TemporalAccessor) value);
        }
        if (value instanceof Instant instant) {
            return dateFormat(locale, 1).format(instant.atZone(zone));
        }
        if (value instanceof LocalTime time) {
            return dateFormat(locale, 2).format(time);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return String.valueOf(value);
    }
}
