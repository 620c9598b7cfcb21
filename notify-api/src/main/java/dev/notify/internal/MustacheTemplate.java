package dev.notify.internal;

import dev.notify.internal.MustacheEngine.Node;
import dev.notify.internal.MustacheEngine.Section;
import dev.notify.internal.MustacheEngine.Text;
import dev.notify.internal.MustacheEngine.Variable;
import dev.notify.template.CompiledTemplate;
import dev.notify.template.HtmlEscaper;
import dev.notify.template.TemplateContext;
import dev.notify.template.TemplateException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A parsed Mustache template. Strict: a variable that is not in the context is an error naming the template, the
 * variable and its position, never an empty string. Names are looked up in maps only (the innermost section's
 * value first), so a template cannot reach an object's methods or fields. Immutable and threadsafe.
 */
final class MustacheTemplate implements CompiledTemplate {

    private static final Object MISSING = new Object();

    private final String name;
    private final List<Node> nodes;
    private final boolean html;
    private final int sizeHint;

    MustacheTemplate(String name, List<Node> nodes, boolean html, int sourceLength) {
        this.name = name;
        this.nodes = nodes;
        this.html = html;
        this.sizeHint = sourceLength + sourceLength / 4 + 16;
    }

    @Override
    public String render(TemplateContext context) {
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(context.variables());
        StringBuilder out = new StringBuilder(sizeHint);
        render(nodes, stack, context, out);
        return out.toString();
    }

    private void render(List<Node> list, Deque<Object> stack, TemplateContext context, StringBuilder out) {
        for (Node node : list) {
            if (node instanceof Text text) {
                out.append(text.text());
            } else if (node instanceof Variable v) {
                Object value = lookup(v.name(), v.path(), stack, v.line(), v.column());
                if (value == null) {
                    throw new TemplateException(name, v.name(), "the variable '" + v.name() + "' (line " + v.line()
                            + ", column " + v.column() + ") has no value");
                }
                if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
                    throw new TemplateException(name, v.name(), "the variable '" + v.name() + "' (line " + v.line()
                            + ", column " + v.column() + ") is a " + (value instanceof Map<?, ?> ? "map" : "list")
                            + "; use it as a section ({{#" + v.name() + "}}...{{/" + v.name() + "}})");
                }
                checkReadable(v.name(), value, v.line(), v.column());
                String text = TemplateValues.format(value, context.locale(), context.zone());
                if (html && !v.raw()) {
                    HtmlEscaper.escape(text, out);
                } else {
                    out.append(text);
                }
            } else {
                Section s = (Section) node;
                Object value = lookup(s.name(), s.path(), stack, s.line(), s.column());
                boolean empty = value == null || Boolean.FALSE.equals(value)
                        || value instanceof Collection<?> c && c.isEmpty();
                if (s.inverted()) {
                    if (empty) {
                        render(s.children(), stack, context, out);
                    }
                } else if (!empty) {
                    if (value instanceof Collection<?> items) {
                        for (Object item : items) {
                            stack.push(item);
                            render(s.children(), stack, context, out);
                            stack.pop();
                        }
                    } else {
                        stack.push(value);
                        render(s.children(), stack, context, out);
                        stack.pop();
                    }
                }
            }
        }
    }

    private Object lookup(String fullName, String[] path, Deque<Object> stack, int line, int column) {
        if (path.length == 0) {
            return stack.peek();
        }
        Object value = MISSING;
        for (Object frame : stack) {
            if (frame instanceof Map<?, ?> map && map.containsKey(path[0])) {
                value = map.get(path[0]);
                break;
            }
        }
        if (value == MISSING) {
            throw new TemplateException(name, fullName, "the variable '" + fullName + "' (line " + line + ", column "
                    + column + ") is missing" + (path.length > 1 ? ": nothing is named '" + path[0] + "'" : ""));
        }
        for (int i = 1; i < path.length; i++) {
            if (!(value instanceof Map<?, ?> map) || !map.containsKey(path[i])) {
                throw new TemplateException(name, fullName, "the variable '" + fullName + "' (line " + line
                        + ", column " + column + ") is missing: '" + String.join(".", List.of(path).subList(0, i))
                        + "' has no '" + path[i] + "'");
            }
            value = map.get(path[i]);
        }
        return value;
    }

    private void checkReadable(String variable, Object value, int line, int column) {
        String problem = TemplateValues.problem(variable, value);
        if (problem != null) {
            throw new TemplateException(name, variable, problem + " (line " + line + ", column " + column + ")");
        }
    }
}
