package dev.notify.internal;

import dev.notify.settings.SettingKey;
import dev.notify.template.TemplateEngine;
import dev.notify.template.TemplateKeys;
import dev.notify.template.TemplateKeys.MessageKey;
import dev.notify.template.TemplateKeys.Part;
import dev.notify.template.TemplateKeys.TemplateKey;
import dev.notify.template.TemplateSyntaxException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The setting keys of templates and phrases: the shipped defaults, read from every
 * {@value #RESOURCE} on the class path, and keys made on demand for a template, locale or phrase an administrator
 * adds. A template's value is checked by compiling it, so a template that does not parse is refused where every
 * invalid value is: when settings are read or saved, naming the key (its layer, template, locale and part) and the
 * line and column.
 */
public final class TemplateSettingKeys {

    /** Where a jar ships template and phrase defaults, as UTF-8 properties. */
    public static final String RESOURCE = "META-INF/notify/templates.properties";

    private static final int MAX_LENGTH = 64 * 1024;

    private TemplateSettingKeys() {
    }

    /**
     * The key for a template part or phrase, or null when {@code name} is neither.
     *
     * @param defaultValue the shipped text, or null
     */
    public static SettingKey<String> key(String name, TemplateEngine engine, String defaultValue) {
        TemplateKey template = TemplateKeys.template(name).orElse(null);
        SettingKey.Builder<String> b;
        if (template != null) {
            String what = "template '" + template.template() + "' ("
                    + (template.locale() == null ? "" : template.locale() + ", ") + template.part().id() + ")";
            b = SettingKey.builder(name, String.class, text -> compile(name, what, template.part(), text, engine))
                    .section(TemplateKeys.TEMPLATES + template.template())
                    .description(description(template));
        } else {
            MessageKey message = TemplateKeys.message(name).orElse(null);
            if (message == null) {
                return null;
            }
            b = SettingKey.builder(name, String.class, text -> checkText(text, true))
                    .section("messages")
                    .description("The shared phrase '" + message.phrase() + "'"
                            + (message.locale() == null ? "" : " in " + message.locale())
                            + ", read in templates as {{msg." + message.phrase() + "}}.");
        }
        return defaultValue == null ? b.build() : b.defaultValue(b.build().parse(defaultValue)).clearable().build();
    }

    private static String description(TemplateKey key) {
        String locale = key.locale() == null ? "" : " in " + key.locale();
        return switch (key.part()) {
            case SUBJECT -> "The subject of the email template '" + key.template() + "'" + locale + " (one line).";
            case TEXT -> "The plain text body of the email template '" + key.template() + "'" + locale + ".";
            case HTML -> "The HTML body of the email template '" + key.template() + "'" + locale
                    + "; values are HTML-escaped ({{{name}}} writes one as it is).";
            case SMS -> "The SMS text of the template '" + key.template() + "'" + locale + ".";
        };
    }

    private static String compile(String name, String what, Part part, String text, TemplateEngine engine) {
        checkText(text, part == Part.TEXT || part == Part.HTML);
        try {
            engine.compile(name, text, part.contentType());
        } catch (TemplateSyntaxException e) {
            throw new IllegalArgumentException(what + " does not parse: " + e.getMessage(), e);
        }
        return text;
    }

    private static String checkText(String text, boolean multiLine) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters, was " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r';
            if (lineBreak && !multiLine) {
                throw new IllegalArgumentException("must be one line; a line break is at position " + (i + 1));
            }
            if (Character.isISOControl(c) && c != '\t' && !lineBreak) {
                throw new IllegalArgumentException("must not contain the control character U+"
                        + String.format("%04X", (int) c) + " (position " + (i + 1) + ")");
            }
        }
        return text;
    }

    /**
     * The shipped defaults every {@value #RESOURCE} that {@code loader} sees declares, in key order; a key shipped
     * by two jars takes the first jar's text.
     *
     * @throws IllegalStateException naming the resource and key when a shipped default is not a template or phrase
     *     key, or does not parse
     */
    public static List<SettingKey<?>> defaults(ClassLoader loader, TemplateEngine engine) {
        Map<String, String> texts = new TreeMap<>();
        Map<String, URL> from = new LinkedHashMap<>();
        try {
            Enumeration<URL> resources = loader.getResources(RESOURCE);
            for (URL url : Collections.list(resources)) {
                Properties properties = new Properties();
                try (Reader reader = new InputStreamReader(url.openStream(), StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                for (String name : properties.stringPropertyNames()) {
                    if (texts.putIfAbsent(name, properties.getProperty(name).strip()) == null) {
                        from.put(name, url);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the template defaults " + RESOURCE + ": " + e.getMessage(), e);
        }
        List<SettingKey<?>> keys = new ArrayList<>();
        texts.forEach((name, text) -> {
            try {
                SettingKey<String> key = key(name, engine, text);
                if (key == null) {
                    throw new IllegalArgumentException("not a template or phrase key (templates.<name>[.<locale>]."
                            + "subject|text|html|sms, messages[.<locale>].<phrase>)");
                }
                keys.add(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(from.get(name) + ": " + name + ": " + e.getMessage(), e);
            }
        });
        return keys;
    }

    /** What makes two sets of defaults different, for a schema's identity. */
    public static String fingerprint(List<SettingKey<?>> defaults) {
        StringBuilder b = new StringBuilder();
        for (SettingKey<?> key : defaults) {
            b.append(key.name()).append('=').append(key.defaultDescription().orElse("")).append('\n');
        }
        return Integer.toHexString(b.toString().hashCode()) + "/" + defaults.size();
    }
}
