package dev.notify.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How templates and shared phrases are named in settings. A template has up to four parts, each a setting of its
 * own that layers, reports its origin and validates like every key:
 * <pre>
 * templates.&lt;name&gt;.subject            the email subject (one line)
 * templates.&lt;name&gt;.text               the plain text body
 * templates.&lt;name&gt;.html               the HTML body (optional; values are HTML-escaped)
 * templates.&lt;name&gt;.sms                the SMS text
 * templates.&lt;name&gt;.&lt;locale&gt;.&lt;part&gt;    the same for one locale: templates.invitation.de-ch.subject
 * messages.&lt;phrase&gt;                    a shared phrase, read in templates as {{msg.&lt;phrase&gt;}}
 * messages.&lt;locale&gt;.&lt;phrase&gt;           the phrase for one locale: messages.de.signature
 * </pre>
 * A locale is written as its BCP 47 tag in lower case ({@code de}, {@code de-ch}, {@code zh-hant}); the keys
 * without one are the default, used when no locale of the recipient's has the template. Names are lower case
 * letters, digits and '-'.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class TemplateKeys {

    /** The prefix of every template key. */
    public static final String TEMPLATES = "templates.";
    /** The prefix of every shared phrase. */
    public static final String MESSAGES = "messages.";

    private static final String SEGMENT = "[a-z0-9][a-z0-9-]{0,63}";
    private static final Pattern TEMPLATE_KEY = Pattern.compile("templates\\.(" + SEGMENT + ")(?:\\.(" + SEGMENT
            + "))?\\.(subject|text|html|sms)");
    private static final Pattern MESSAGE_KEY = Pattern.compile("messages\\.(?:(" + SEGMENT + ")\\.)?(" + SEGMENT
            + ")");
    private static final Pattern NAME = Pattern.compile(SEGMENT);

    /** A part of a template. */
    public enum Part {
        SUBJECT, TEXT, HTML, SMS;

        /** The part as its key ends: {@code subject}, {@code text}, {@code html}, {@code sms}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** How values are written into this part: HTML-escaped in {@link #HTML}, as they are elsewhere. */
        public TemplateEngine.ContentType contentType() {
            return this == HTML ? TemplateEngine.ContentType.HTML : TemplateEngine.ContentType.TEXT;
        }
    }

    /**
     * A template key, read: the template's name, its locale segment (empty for the default) and the part.
     *
     * @param locale the key's locale segment ({@code de-ch}), or null for the default
     */
    public record TemplateKey(String template, String locale, Part part) {
        public Optional<String> localeTag() {
            return Optional.ofNullable(locale);
        }
    }

    /**
     * A phrase key, read.
     *
     * @param locale the key's locale segment, or null for the default
     */
    public record MessageKey(String phrase, String locale) {
    }

    private TemplateKeys() {
    }

    /**
     * The key of a template's part for a locale segment.
     *
     * @param locale a lower-case locale segment ({@link #segment(Locale)}), or null for the default
     * @throws IllegalArgumentException naming the template when a name is not lower-case letters, digits and '-'
     */
    public static String key(String template, String locale, Part part) {
        checkName("template", template);
        if (locale != null) {
            checkName("locale", locale);
        }
        return TEMPLATES + template + (locale == null ? "" : "." + locale) + "." + part.id();
    }

    /** The key of a shared phrase for a locale segment, or for the default when {@code locale} is null. */
    public static String messageKey(String phrase, String locale) {
        checkName("phrase", phrase);
        return MESSAGES + (locale == null ? "" : checkName("locale", locale) + ".") + phrase;
    }

    /** A key name read as a template key, or empty when it is not one. */
    public static Optional<TemplateKey> template(String keyName) {
        Matcher m = TEMPLATE_KEY.matcher(keyName);
        return m.matches() ? Optional.of(new TemplateKey(m.group(1), m.group(2),
                Part.valueOf(m.group(3).toUpperCase(Locale.ROOT)))) : Optional.empty();
    }

    /** A key name read as a phrase key, or empty when it is not one. */
    public static Optional<MessageKey> message(String keyName) {
        Matcher m = MESSAGE_KEY.matcher(keyName);
        return m.matches() ? Optional.of(new MessageKey(m.group(2), m.group(1))) : Optional.empty();
    }

    /** Whether a key names a template part or a phrase. */
    public static boolean isTemplateOrMessage(String keyName) {
        return keyName.startsWith(TEMPLATES) ? TEMPLATE_KEY.matcher(keyName).matches()
                : keyName.startsWith(MESSAGES) && MESSAGE_KEY.matcher(keyName).matches();
    }

    /** A locale as a key segment: its BCP 47 tag in lower case ({@code de-ch}); null for {@link Locale#ROOT}. */
    public static String segment(Locale locale) {
        Objects.requireNonNull(locale, "locale");
        String tag = locale.toLanguageTag().toLowerCase(Locale.ROOT);
        return tag.equals("und") || tag.isEmpty() ? null : tag;
    }

    /**
     * The locale segments tried for a recipient, most specific first, ending with null for the default:
     * {@code de-CH} gives {@code de-ch}, {@code de}, null.
     */
    public static List<String> fallbacks(Locale locale) {
        List<String> chain = new ArrayList<>();
        String tag = segment(locale);
        while (tag != null) {
            chain.add(tag);
            int dash = tag.lastIndexOf('-');
            tag = dash < 0 ? null : tag.substring(0, dash);
        }
        chain.add(null);
        return chain;
    }

    private static String checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a " + what + " name must be 1-64 lower-case letters, digits and '-', "
                    + "was '" + name + "'");
        }
        return name;
    }
}
