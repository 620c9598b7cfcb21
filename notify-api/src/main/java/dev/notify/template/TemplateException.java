package dev.notify.template;

import java.util.Optional;

/**
 * A template could not render with the variables given: a variable it uses is missing, has no value, or has a type
 * templates may not read. Names the template (its setting key) and the variable. Engines throw it from
 * {@link CompiledTemplate#render}; a send turns it into an {@link dev.notify.InvalidMessageException} with the same
 * text.
 */
public class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String template;
    private final String variable;

    /**
     * @param template the template's name (its setting key)
     * @param variable the variable concerned, or null
     * @param message  what is wrong, naming the variable and its position
     */
    public TemplateException(String template, String variable, String message) {
        super(template + ": " + message);
        this.template = template;
        this.variable = variable;
    }

    public String template() {
        return template;
    }

    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }
}
