package dev.notify.template;

/**
 * A template ready to render, made by a {@link TemplateEngine}. Implementations must be immutable and threadsafe:
 * one compiled template renders for every thread.
 */
@FunctionalInterface
public interface CompiledTemplate {

    /**
     * Renders with the variables, locale and time zone of {@code context}.
     *
     * @throws TemplateException naming the template and the variable when a variable the template uses is missing
     *     or has a type templates may not read
     */
    String render(TemplateContext context);
}
