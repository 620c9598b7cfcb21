package dev.notify.template;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a template renders with: the variables the host passed, the recipient's locale (numbers and dates are
 * written for it) and the time zone instants are shown in.
 *
 * <p>This class is immutable and threadsafe when its variables are.
 */
public final class TemplateContext {

    private final Map<String, Object> variables;
    private final Locale locale;
    private final ZoneId zone;

    private TemplateContext(Map<String, Object> variables, Locale locale, ZoneId zone) {
        this.variables = Objects.requireNonNull(variables, "variables");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * A context. {@code variables} is used as given, not copied: values are maps with string keys, lists, strings,
     * numbers, booleans, {@code java.time} values, enums or null; see {@link TemplateMessage#with}.
     */
    public static TemplateContext of(Map<String, Object> variables, Locale locale, ZoneId zone) {
        return new TemplateContext(variables, locale, zone);
    }

    public Map<String, Object> variables() {
        return variables;
    }

    public Locale locale() {
        return locale;
    }

    public ZoneId zone() {
        return zone;
    }
}
