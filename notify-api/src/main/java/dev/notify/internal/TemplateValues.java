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
import java.util.function.Function;

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

    /** Formats per locale, cloned for each use: building one from the locale's data costs more than a clone. */
    private static final int MAX_CACHED_LOCALES = 256;
    private static final Map<Locale, NumberFormat> INTEGERS = new ConcurrentHashMap<>();
    private static final Map<Locale, NumberFormat> DECIMALS = new ConcurrentHashMap<>();

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

    private static NumberFormat cloned(Map<Locale, NumberFormat> cache, Locale locale,
            Function<Locale, NumberFormat> create) {
        NumberFormat format = cache.get(locale);
        if (format == null) {
            format = create.apply(locale);
            if (cache.size() < MAX_CACHED_LOCALES) {
                cache.put(locale, format);
            }
        }
        return (NumberFormat) format.clone();
    }

    /** A scalar as text for the locale: grouped numbers, localized dates, enum names. */
    public static String format(Object value, Locale locale, ZoneId zone) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return cloned(INTEGERS, locale, NumberFormat::getIntegerInstance).format(value);
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return cloned(DECIMALS, locale, l -> {
                NumberFormat decimal = NumberFormat.getNumberInstance(l);
                decimal.setMaximumFractionDigits(6);
                return decimal;
            }).format(value);
        }
        if (value instanceof LocalDate date) {
            return DATE.withLocale(locale).format(date);
        }
        if (value instanceof LocalDateTime || value instanceof ZonedDateTime || value instanceof OffsetDateTime) {
            return DATE_TIME.withLocale(locale).format((TemporalAccessor) value);
        }
        if (value instanceof Instant instant) {
            return DATE_TIME.withLocale(locale).format(instant.atZone(zone));
        }
        if (value instanceof LocalTime time) {
            return TIME.withLocale(locale).format(time);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return String.valueOf(value);
    }
}
