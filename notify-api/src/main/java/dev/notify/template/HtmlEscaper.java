package dev.notify.template;

/**
 * The one HTML escaper of notify: what templates' HTML parts and the admin page's writer use for every value.
 * Escapes {@code & < > " '}, so the result is safe as element text and as a quoted attribute value, and drops
 * control characters other than tab, line feed and carriage return (they have no place in HTML and some browsers
 * misread them). This class is stateless and threadsafe.
 */
public final class HtmlEscaper {

    private HtmlEscaper() {
    }

    /** {@code text} escaped for HTML. */
    public static String escape(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, out);
        return out.toString();
    }

    /** Appends {@code text}, escaped for HTML, to {@code out}. */
    public static void escape(CharSequence text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
    }
}
