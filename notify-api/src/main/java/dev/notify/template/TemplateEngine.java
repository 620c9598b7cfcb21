package dev.notify.template;

/**
 * Turns a template's text into something that renders: the one thing notify asks of a template engine. notify's
 * own engine ({@link #standard()}) is a logic-less Mustache subset with no dependency; a host plugs another with
 * {@code Notifier.builder().templateEngine(...)}, and settings are then validated with it.
 *
 * <p>An engine for templates that administrators edit must not let a template run code, call methods or read
 * files, and must escape values in {@link ContentType#HTML} output by default. Implementations must be
 * threadsafe; {@link CompiledTemplate}s are cached and shared between threads.
 */
public interface TemplateEngine {

    /** What a rendered text becomes: plain text (subjects, text bodies, SMS) or HTML, where values are escaped. */
    enum ContentType { TEXT, HTML }

    /** notify's own engine: strict, logic-less Mustache (variables, sections, inverted sections, comments). */
    static TemplateEngine standard() {
        return dev.notify.internal.MustacheEngine.INSTANCE;
    }

    /** A short, stable, lower-case name ({@code mustache}), for errors and diagnostics. */
    String id();

    /**
     * Compiles a template.
     *
     * @param name   the template's setting key ({@code servers.eu-1.templates.invitation.de.subject}), named in
     *               every error
     * @param source the template's text
     * @param type   how values are written into the output
     * @throws TemplateSyntaxException naming {@code name}, the line and the column when the text does not parse
     */
    CompiledTemplate compile(String name, String source, ContentType type);
}
