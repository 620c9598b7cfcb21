package dev.notify.template;

/**
 * A template's text does not parse. The message names the template (its setting key), the line and the column,
 * so a settings store refuses it at save time with the layer and template an administrator must fix.
 *
 * <p>It is an {@link IllegalArgumentException} because a template is a setting's value: reading settings turns it
 * into a problem of that key.
 */
public class TemplateSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String template;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param template the template's name (its setting key)
     * @param line     1-based line of the problem
     * @param column   1-based column of the problem
     * @param reason   what is wrong, without the position
     */
    public TemplateSyntaxException(String template, int line, int column, String reason) {
        super("line " + line + ", column " + column + ": " + reason);
        this.template = template;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The template's name, its setting key. */
    public String template() {
        return template;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }
}
