package dev.notify.internal;

import dev.notify.InvalidMessageException;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.ResolvedValue;
import dev.notify.template.CompiledTemplate;
import dev.notify.template.RenderedTemplate;
import dev.notify.template.RenderedTemplate.RenderedPart;
import dev.notify.template.TemplateContext;
import dev.notify.template.TemplateEngine;
import dev.notify.template.TemplateException;
import dev.notify.template.TemplateKeys;
import dev.notify.template.TemplateKeys.Part;
import dev.notify.template.TemplateMessage;
import dev.notify.template.TemplateSyntaxException;
import java.util.AbstractMap;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders a {@link TemplateMessage} with one server's resolved settings. The locale is chosen once per template:
 * the most specific of the recipient's locales ({@code de-ch}, then {@code de}) under which the template has any
 * part, else the default texts; a part a regional locale lacks comes from its language ({@code de-ch} → {@code de}),
 * never from another language. Compiled templates are cached by the layer they came from and their text, so a
 * template is compiled again only when its layer's text changes. Threadsafe.
 */
public final class TemplateRenderer {

    /** Beyond this many compiled templates the cache starts afresh: texts that changed are never used again. */
    private static final int MAX_CACHED = 4096;
    static final Set<Part> EMAIL = Set.of(Part.SUBJECT, Part.TEXT, Part.HTML);
    static final Set<Part> SMS = Set.of(Part.SMS);
    static final Set<Part> ALL = Set.of(Part.values());

    private record CacheKey(String key, String text, TemplateEngine engine) {
    }

    private final Map<CacheKey, CompiledTemplate> compiled = new ConcurrentHashMap<>();
    private final AtomicLong compilations = new AtomicLong();

    /** How many templates this renderer compiled: a cached template is not counted again. */
    public long compilations() {
        return compilations.get();
    }

    /**
     * Renders the parts of {@code wanted} the template has.
     *
     * @throws InvalidMessageException naming the template when no locale has it, or naming the template's key and
     *     the variable when a variable is missing or not allowed
     * @throws SettingsException naming the key when a template does not compile with {@code engine}
     */
    public RenderedTemplate render(ResolvedSettings settings, TemplateEngine engine, TemplateMessage message,
            Set<Part> wanted) {
        String name = message.template();
        List<String> chain = TemplateKeys.fallbacks(message.locale());
        int chosen = chosenLocale(settings, name, chain);
        if (chosen < 0) {
            throw new InvalidMessageException("template", "no template '" + name + "'"
                    + settings.serverId().map(id -> " for server " + id).orElse("") + ": set templates." + name
                    + ".subject and templates." + name + ".text, or templates." + name + ".sms");
        }
        List<String> candidates = chain.get(chosen) == null ? chain.subList(chosen, chain.size())
                : chain.subList(chosen, chain.size() - 1);
        Map<String, Object> variables = new LinkedHashMap<>(message.variables());
        variables.put(TemplateMessage.PHRASES, new Phrases(settings, chain));
        TemplateContext context = TemplateContext.of(variables, message.locale(), message.zone());
        Map<Part, RenderedPart> parts = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            if (!wanted.contains(part)) {
                continue;
            }
            for (String locale : candidates) {
                ResolvedValue<?> value = find(settings, key(name, locale, part));
                if (value != null) {
                    String text = render(engine, value, part, context);
                    parts.put(part, new RenderedPart(text, value.fullKey(), value.origin(), Optional.ofNullable(locale)));
                    break;
                }
            }
        }
        return new RenderedTemplate(message, settings.serverId(), parts);
    }

    /** An email of the rendered subject, text and HTML to the message's recipients. */
    public static EmailMessage email(RenderedTemplate rendered) {
        TemplateMessage m = rendered.message();
        EmailMessage.Builder b = EmailMessage.builder()
                .subject(require(rendered, Part.SUBJECT).text())
                .text(require(rendered, Part.TEXT).text());
        rendered.html().ifPresent(html -> b.html(html.text()));
        m.to().forEach(b::to);
        m.cc().forEach(b::cc);
        m.bcc().forEach(b::bcc);
        m.replyTo().forEach(b::replyTo);
        return b.build();
    }

    /** An SMS of the rendered SMS text to the message's one recipient. */
    public static SmsMessage sms(RenderedTemplate rendered) {
        List<String> to = rendered.message().to();
        if (to.size() != 1) {
            throw new InvalidMessageException("to", "an SMS goes to exactly one phone number, was " + to.size());
        }
        return SmsMessage.of(to.get(0), require(rendered, Part.SMS).text());
    }

    private static RenderedPart require(RenderedTemplate rendered, Part part) {
        return rendered.part(part).orElseThrow(() -> {
            String name = rendered.message().template();
            String locale = rendered.parts().values().stream().findFirst().flatMap(RenderedPart::locale)
                    .orElse(null);
            return new InvalidMessageException("template", "the template '" + name + "'"
                    + (locale == null ? "" : " in " + locale) + " has no " + part.id() + ": set "
                    + key(name, locale, part));
        });
    }

    private static int chosenLocale(ResolvedSettings settings, String name, List<String> chain) {
        for (int i = 0; i < chain.size(); i++) {
            for (Part part : Part.values()) {
                if (find(settings, key(name, chain.get(i), part)) != null) {
                    return i;
                }
            }
        }
        return -1;
    }

    private String render(TemplateEngine engine, ResolvedValue<?> value, Part part, TemplateContext context) {
        String text = (String) value.value().orElseThrow();
        String key = value.fullKey();
        CacheKey cacheKey = new CacheKey(key, text, engine);
        CompiledTemplate template = compiled.get(cacheKey);
        if (template == null) {
            try {
                template = engine.compile(key, text, part.contentType());
            } catch (TemplateSyntaxException e) {
                throw new SettingsException(List.of(new Problem(key, "does not parse with the template engine '"
                        + engine.id() + "': " + e.getMessage())));
            }
            compilations.incrementAndGet();
            if (compiled.size() >= MAX_CACHED) {
                compiled.clear();
            }
            compiled.put(cacheKey, template);
        }
        try {
            return template.render(context);
        } catch (TemplateException e) {
            String prefix = e.template() + ": ";
            String why = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new InvalidMessageException(key, why);
        }
    }

    /** The value of a template or phrase key when some layer or default gives it text; null otherwise. */
    private static ResolvedValue<?> find(ResolvedSettings settings, String key) {
        ResolvedValue<?> value = settings.resolvedValue(key).orElse(null);
        return value != null && value.value().isPresent() ? value : null;
    }

    private static String key(String template, String locale, Part part) {
        return TemplateKeys.TEMPLATES + template + (locale == null ? "." : "." + locale + ".") + part.id();
    }

    /** The shared phrases as a template reads them ({@code {{msg.signature}}}): each looked up along the locales. */
    private static final class Phrases extends AbstractMap<String, Object> {
        private final ResolvedSettings settings;
        private final List<String> chain;

        Phrases(ResolvedSettings settings, List<String> chain) {
            this.settings = settings;
            this.chain = chain;
        }

        @Override
        public boolean containsKey(Object phrase) {
            return get(phrase) != null;
        }

        @Override
        public Object get(Object phrase) {
            if (!(phrase instanceof String name)) {
                return null;
            }
            for (String locale : chain) {
                ResolvedValue<?> value = find(settings, TemplateKeys.MESSAGES + (locale == null ? "" : locale + ".")
                        + name);
                if (value != null) {
                    return value.value().get();
                }
            }
            return null;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            for (ResolvedValue<?> value : settings.values()) {
                TemplateKeys.message(value.key().name()).ifPresent(k -> all.computeIfAbsent(k.phrase(), this::get));
            }
            all.values().removeIf(v -> v == null);
            return all.entrySet();
        }
    }
}
