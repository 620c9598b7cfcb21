package dev.notify.template;

import dev.notify.InvalidMessageException;
import dev.notify.internal.TemplateValues;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A notification by template: which template, in which language, to whom, with which variables. The template's
 * texts come from the settings of the server it is sent with, resolved at that moment:
 *
 * <pre>{@code
 * notifier.server("eu-1").sendEmail(TemplateMessage.of("invitation", Locale.forLanguageTag("de-CH"))
 *         .to("alice@example.com")
 *         .with("user", "Alice")
 *         .with("expires", LocalDate.of(2026, 12, 24)));
 * }</pre>
 *
 * <p>Variables keep the type the host passes: numbers and dates are written for the recipient's locale. A
 * template reads only maps with string keys, lists, strings, numbers, booleans, {@code java.time} values and
 * enums; anything else is refused here, so no template can reach an object's methods. A null value is "no value":
 * a section over it is skipped, printing it is an error.
 *
 * <p>This class is immutable and threadsafe when its variables are (each {@code with...} returns a copy).
 */
public final class TemplateMessage {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The variable through which templates read the shared phrases. */
    public static final String PHRASES = "msg";

    private final String template;
    private final Locale locale;
    private final ZoneId zone;
    private final List<String> to;
    private final List<String> cc;
    private final List<String> bcc;
    private final List<String> replyTo;
    private final Map<String, Object> variables;

    private TemplateMessage(String template, Locale locale, ZoneId zone, List<String> to, List<String> cc,
            List<String> bcc, List<String> replyTo, Map<String, Object> variables) {
        this.template = template;
        this.locale = locale;
        this.zone = zone;
        this.to = to;
        this.cc = cc;
        this.bcc = bcc;
        this.replyTo = replyTo;
        this.variables = variables;
    }

    /**
     * A message by the template {@code name} in {@code locale} ({@link Locale#ROOT} for the default texts).
     *
     * @throws InvalidMessageException naming {@code template} when the name is not lower-case letters, digits and
     *     '-'
     */
    public static TemplateMessage of(String name, Locale locale) {
        try {
            TemplateKeys.key(name, null, TemplateKeys.Part.SUBJECT);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("template", e.getMessage());
        }
        return new TemplateMessage(name, Objects.requireNonNull(locale, "locale"), ZoneOffset.UTC, List.of(),
                List.of(), List.of(), List.of(), Map.of());
    }

    /**
     * Adds recipients: email addresses ({@code Alice <alice@example.com>}) for an email, one phone number as typed
     * for an SMS; checked when the message is sent.
     */
    public TemplateMessage to(String... recipients) {
        return new TemplateMessage(template, locale, zone, plus(to, recipients, "to"), cc, bcc, replyTo, variables);
    }

    /** Adds Cc recipients of an email. */
    public TemplateMessage cc(String... recipients) {
        return new TemplateMessage(template, locale, zone, to, plus(cc, recipients, "cc"), bcc, replyTo, variables);
    }

    /** Adds Bcc recipients of an email. */
    public TemplateMessage bcc(String... recipients) {
        return new TemplateMessage(template, locale, zone, to, cc, plus(bcc, recipients, "bcc"), replyTo, variables);
    }

    /** Sets Reply-To addresses of an email (otherwise {@code email.reply-to} applies). */
    public TemplateMessage replyTo(String... recipients) {
        return new TemplateMessage(template, locale, zone, to, cc, bcc, plus(replyTo, recipients, "reply-to"),
                variables);
    }

    /** The time zone instants are shown in (default UTC). */
    public TemplateMessage zone(ZoneId zone) {
        return new TemplateMessage(template, locale, Objects.requireNonNull(zone, "zone"), to, cc, bcc, replyTo,
                variables);
    }

    /**
     * Adds a variable, or replaces one of the same name.
     *
     * @param name  letters, digits, '-' and '_'; not {@value #PHRASES}, which holds the shared phrases
     * @param value a map with string keys, a list, a string, a number, a boolean, a {@code java.time} value, an
     *              enum (written as its name), or null for "no value"; maps and lists are checked to their leaves
     *              and used as given (pass unmodifiable ones)
     * @throws InvalidMessageException naming the variable when its name or value is not allowed
     */
    public TemplateMessage with(String name, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(variables);
        next.put(checked(name, value), value);
        return new TemplateMessage(template, locale, zone, to, cc, bcc, replyTo, Collections.unmodifiableMap(next));
    }

    /** Adds every entry of {@code values} as {@link #with(String, Object)} does. */
    public TemplateMessage with(Map<String, ?> values) {
        Map<String, Object> next = new LinkedHashMap<>(variables);
        for (Map.Entry<String, ?> e : values.entrySet()) {
            next.put(checked(e.getKey(), e.getValue()), e.getValue());
        }
        return new TemplateMessage(template, locale, zone, to, cc, bcc, replyTo, Collections.unmodifiableMap(next));
    }

    private static String checked(String name, Object value) {
        String field = "variable " + name;
        if (name == null || !VARIABLE.matcher(name).matches()) {
            throw new InvalidMessageException("variable", "a variable name must be 1-64 letters, digits, '-' or '_', "
                    + "was " + (name == null ? "null" : "'" + name + "'"));
        }
        if (name.equals(PHRASES)) {
            throw new InvalidMessageException(field, "is reserved for the shared phrases ({{msg.<phrase>}})");
        }
        String problem = TemplateValues.problem(name, value);
        if (problem != null) {
            throw new InvalidMessageException(field, problem);
        }
        return name;
    }

    /** The template's name. */
    public String template() {
        return template;
    }

    public Locale locale() {
        return locale;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<String> to() {
        return to;
    }

    public List<String> cc() {
        return cc;
    }

    public List<String> bcc() {
        return bcc;
    }

    public List<String> replyTo() {
        return replyTo;
    }

    /** The variables, in the order they were added. */
    public Map<String, Object> variables() {
        return variables;
    }

    private static List<String> plus(List<String> list, String[] more, String field) {
        List<String> next = new ArrayList<>(list);
        for (String r : Objects.requireNonNull(more, field)) {
            if (r == null) {
                throw new InvalidMessageException(field, "must not be null");
            }
            next.add(r);
        }
        return List.copyOf(next);
    }

    /** The template, locale and recipients; never the variables' values. */
    @Override
    public String toString() {
        return "TemplateMessage[" + template + ", " + locale.toLanguageTag() + ", to=" + to + ", variables="
                + variables.keySet() + "]";
    }
}
