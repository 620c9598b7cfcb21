package dev.notify.template;

import dev.notify.settings.Origin;
import dev.notify.template.TemplateKeys.Part;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A template rendered with one server's settings: each part's text and where it came from, for previews
 * ({@code ServerNotifier#render}) and for sending.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class RenderedTemplate {

    /**
     * One rendered part.
     *
     * @param text   the rendered text
     * @param key    the setting that holds the template, as an administrator fixes it
     *               ({@code servers.eu-1.templates.invitation.de.subject}, or the key of the server when only the
     *               shipped default applies)
     * @param origin the layer the template came from: default (shipped in a jar), global or a server
     * @param locale the locale segment the template was found under ({@code de}), empty for the default texts
     */
    public record RenderedPart(String text, String key, Origin origin, Optional<String> locale) {
        public RenderedPart {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(locale, "locale");
        }
    }

    private final TemplateMessage message;
    private final Optional<String> serverId;
    private final Map<Part, RenderedPart> parts;

    /** The parts rendered for {@code message} with the settings of {@code serverId} (empty: global). */
    public RenderedTemplate(TemplateMessage message, Optional<String> serverId, Map<Part, RenderedPart> parts) {
        this.message = Objects.requireNonNull(message, "message");
        this.serverId = Objects.requireNonNull(serverId, "serverId");
        Map<Part, RenderedPart> copy = new EnumMap<>(Part.class);
        copy.putAll(parts);
        this.parts = Collections.unmodifiableMap(copy);
    }

    /** The message rendered. */
    public TemplateMessage message() {
        return message;
    }

    /** The server whose settings gave the templates; empty for the global settings. */
    public Optional<String> serverId() {
        return serverId;
    }

    /** A part, when the template has it. */
    public Optional<RenderedPart> part(Part part) {
        return Optional.ofNullable(parts.get(part));
    }

    /** Every part the template has, in the order subject, text, HTML, SMS. */
    public Map<Part, RenderedPart> parts() {
        return parts;
    }

    public Optional<RenderedPart> subject() {
        return part(Part.SUBJECT);
    }

    public Optional<RenderedPart> text() {
        return part(Part.TEXT);
    }

    public Optional<RenderedPart> html() {
        return part(Part.HTML);
    }

    public Optional<RenderedPart> sms() {
        return part(Part.SMS);
    }

    @Override
    public String toString() {
        return "RenderedTemplate[" + message.template() + ", " + message.locale().toLanguageTag() + ", parts="
                + parts.keySet() + "]";
    }
}
