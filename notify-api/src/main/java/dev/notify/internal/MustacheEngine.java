package dev.notify.internal;

import dev.notify.template.CompiledTemplate;
import dev.notify.template.TemplateEngine;
import dev.notify.template.TemplateSyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * notify's template engine: a strict, logic-less subset of Mustache. Variables ({@code {{user}}},
 * {@code {{user.name}}}, {@code {{.}}}), raw variables ({@code {{{html}}}}, {@code {{&html}}}), sections
 * ({@code {{#items}}...{{/items}}}), inverted sections ({@code {{^items}}...{{/items}}}) and comments. No partials,
 * no lambdas, no delimiter changes, no method calls: a template reads the host's data and nothing else. A tag
 * alone on its line takes the line with it, as in Mustache. Parsing is {@link MustacheParser}'s, rendering
 * {@link MustacheTemplate}'s.
 */
public final class MustacheEngine implements TemplateEngine {

    public static final MustacheEngine INSTANCE = new MustacheEngine();

    private MustacheEngine() {
    }

    @Override
    public String id() {
        return "mustache";
    }

    @Override
    public CompiledTemplate compile(String name, String source, ContentType type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source of " + name);
        return new MustacheTemplate(name, new MustacheParser(name, source).parse(), type == ContentType.HTML,
                source.length());
    }

    /** A piece of a parsed template. */
    sealed interface Node permits Text, Variable, Section {
    }

    record Text(String text) implements Node {
    }

    /** {@code {{name}}}; {@code raw} for {@code {{{name}}}} and {@code {{&name}}}. */
    record Variable(String name, String[] path, boolean raw, int line, int column) implements Node {
    }

    record Section(String name, String[] path, boolean inverted, List<Node> children, int line, int column)
            implements Node {
    }

    /** Reads a template's text into nodes, or throws naming the line and column. */
    static final class MustacheParser {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*|\\.");

        private final String name;
        private final String source;
        private final int[] lineStarts;

        MustacheParser(String name, String source) {
            this.name = name;
            this.source = source;
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < source.length(); i++) {
                if (source.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        List<Node> parse() {
            Deque<Section> open = new ArrayDeque<>();
            Deque<List<Node>> lists = new ArrayDeque<>();
            lists.push(new ArrayList<>());
            int i = 0;
            while (i < source.length()) {
                int tag = source.indexOf("{{", i);
                if (tag < 0) {
                    lists.peek().add(new Text(source.substring(i)));
                    break;
                }
                boolean triple = source.startsWith("{{{", tag);
                String closing = triple ? "}}}" : "}}";
                int end = source.indexOf(closing, tag + (triple ? 3 : 2));
                if (end < 0) {
                    throw error(tag, "the tag " + excerpt(tag) + " is not closed with " + closing);
                }
                String content = source.substring(tag + (triple ? 3 : 2), end).strip();
                int after = end + closing.length();
                char sigil = triple || content.isEmpty() ? '{' : content.charAt(0);
                boolean standaloneKind = !triple && (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!');
                int textEnd = tag;
                if (standaloneKind) {
                    int lineStart = source.lastIndexOf('\n', tag - 1) + 1;
                    int lineEnd = skipBlanks(after);
                    boolean endsLine = lineEnd == source.length() || source.charAt(lineEnd) == '\n'
                            || source.startsWith("\r\n", lineEnd);
                    if (lineStart >= i && source.substring(lineStart, tag).isBlank() && endsLine) {
                        textEnd = lineStart;
                        after = lineEnd == source.length() ? lineEnd
                                : lineEnd + (source.charAt(lineEnd) == '\r' ? 2 : 1);
                    }
                }
                if (textEnd > i) {
                    lists.peek().add(new Text(source.substring(i, textEnd)));
                }
                i = after;
                if (triple) {
                    lists.peek().add(variable(content, true, tag));
                    continue;
                }
                switch (sigil) {
                    case '!' -> { }
                    case '#', '^' -> {
                        String sectionName = checkName(content.substring(1).strip(), tag);
                        Section section = new Section(sectionName, path(sectionName), sigil == '^', new ArrayList<>(),
                                line(tag), column(tag));
                        lists.peek().add(section);
                        open.push(section);
                        lists.push(section.children());
                    }
                    case '/' -> {
                        String closed = content.substring(1).strip();
                        if (open.isEmpty()) {
                            throw error(tag, "{{/" + closed + "}} closes no open section");
                        }
                        Section section = open.pop();
                        if (!section.name().equals(closed)) {
                            throw error(tag, "{{/" + closed + "}} does not close {{" + (section.inverted() ? "^" : "#")
                                    + section.name() + "}} opened at line " + section.line() + ", column "
                                    + section.column());
                        }
                        lists.pop();
                    }
                    case '&' -> lists.peek().add(variable(content.substring(1).strip(), true, tag));
                    case '>' -> throw error(tag, "partials ({{> ...}}) are not supported: a template cannot include "
                            + "files or other templates");
                    case '=' -> throw error(tag, "changing delimiters ({{=...=}}) is not supported");
                    default -> lists.peek().add(variable(content, false, tag));
                }
            }
            if (!open.isEmpty()) {
                Section section = open.pop();
                throw new TemplateSyntaxException(name, section.line(), section.column(), "the section {{"
                        + (section.inverted() ? "^" : "#") + section.name() + "}} is not closed with {{/"
                        + section.name() + "}}");
            }
            return lists.pop();
        }

        private int skipBlanks(int from) {
            int j = from;
            while (j < source.length() && (source.charAt(j) == ' ' || source.charAt(j) == '\t')) {
                j++;
            }
            return j;
        }

        private Variable variable(String content, boolean raw, int tag) {
            String checked = checkName(content, tag);
            return new Variable(checked, path(checked), raw, line(tag), column(tag));
        }

        private String checkName(String content, int tag) {
            if (!NAME.matcher(content).matches()) {
                throw error(tag, (content.isEmpty() ? "an empty tag" : "'" + shorten(content) + "' is not a variable name")
                        + ": a template holds names (user, user.name) and no method calls, expressions or spaces");
            }
            return content;
        }

        private static String[] path(String name) {
            return name.equals(".") ? new String[0] : name.split("\\.");
        }

        private TemplateSyntaxException error(int offset, String reason) {
            return new TemplateSyntaxException(name, line(offset), column(offset), reason);
        }

        private String excerpt(int offset) {
            return "'" + shorten(source.substring(offset, Math.min(source.length(), offset + 20))) + "'";
        }

        private static String shorten(String text) {
            String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
            return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…" : oneLine;
        }

        private int line(int offset) {
            int lo = 0;
            int hi = lineStarts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (lineStarts[mid] <= offset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo + 1;
        }

        private int column(int offset) {
            return source.codePointCount(lineStarts[line(offset) - 1], offset) + 1;
        }
    }
}
