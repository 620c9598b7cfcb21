package dev.notify.web;

import dev.notify.template.HtmlEscaper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Writes an HTML document in which every text and attribute value is escaped by the writer: there is no method
 * that takes markup, so a value (a server named {@code <script>alert(1)</script>}) can only ever become text.
 * Element and attribute names are code, checked against a strict pattern; event-handler attributes
 * ({@code on...}) and {@code style} are refused (the Content-Security-Policy forbids inline script and style
 * anyway), URL attributes accept only paths and {@code http(s)}/{@code mailto} URLs, and no text may be written
 * inside {@code script} or {@code style}.
 *
 * <pre>{@code
 * Html html = Html.document("en", "Email and SMS");
 * html.open("div", "class", "setting", "data-key", fullKey)
 *     .element("span", origin, "class", "origin")
 *     .close("div");
 * return WebResponse.html(200, html.end());
 * }</pre>
 *
 * <p>Attributes are given as name, value pairs; a null value leaves the attribute out, and a boolean attribute
 * ({@code disabled}, {@code hidden}) is written for the value {@code ""} (see {@link #flag}). This class is not
 * threadsafe.
 */
public final class Html {

    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "source", "track", "wbr");
    private static final Set<String> RAW_TEXT = Set.of("script", "style", "textarea", "title", "iframe", "object",
            "embed", "noscript", "template", "xmp");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "data", "poster",
            "cite", "srcset", "xlink:href");

    /** Room left after an appended fragment for what usually follows it, so that it is not copied again. */
    private static final int APPEND_SLACK = 8192;

    private final StringBuilder out = new StringBuilder(4096);
    private final Deque<String> openElements = new ArrayDeque<>();

    private Html() {
    }

    /** An empty fragment (for tests and for parts assembled into a page). */
    public static Html fragment() {
        return new Html();
    }

    /**
     * Starts a document: the doctype, {@code <html lang>}, a head with UTF-8, a viewport, the title, the stylesheet
     * and the script (deferred; either may be null), and opens {@code <body>}.
     */
    public static Html document(String lang, String title, String stylesheet, String script) {
        Html html = new Html();
        html.out.append("<!DOCTYPE html>\n");
        html.open("html", "lang", lang);
        html.open("head");
        html.voidElement("meta", "charset", "utf-8");
        html.voidElement("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        html.open("title").text(title).close("title");
        if (stylesheet != null) {
            html.voidElement("link", "rel", "stylesheet", "href", stylesheet);
        }
        if (script != null) {
            html.open("script", "src", script, "defer", "").close("script");
        }
        html.close("head");
        html.open("body");
        return html;
    }

    /** The value for a boolean attribute: {@code ""} (written) when {@code on}, null (left out) otherwise. */
    public static String flag(boolean on) {
        return on ? "" : null;
    }

    /** Opens an element; close it with {@link #close}. */
    public Html open(String element, String... attributes) {
        String name = checkName(element, "element");
        startTag(name, attributes);
        if (!VOID.contains(name)) {
            openElements.push(name);
        }
        return this;
    }

    /** Writes an element with no content ({@code <input>}, {@code <br>}). */
    public Html voidElement(String element, String... attributes) {
        String name = checkName(element, "element");
        if (!VOID.contains(name)) {
            throw new IllegalArgumentException(name + " is not a void element");
        }
        startTag(name, attributes);
        return this;
    }

    /** Writes an element holding text: {@code open}, {@link #text}, {@code close}. */
    public Html element(String element, String text, String... attributes) {
        return open(element, attributes).text(text).close(element);
    }

    /** Writes text, escaped; refused inside {@code script}, {@code style} and other raw-text elements. */
    public Html text(String text) {
        String current = openElements.peek();
        if (current != null && RAW_TEXT.contains(current) && !current.equals("title") && !current.equals("textarea")) {
            throw new IllegalStateException("no text inside <" + current + ">");
        }
        HtmlEscaper.escape(Objects.requireNonNullElse(text, ""), out);
        return this;
    }

    /** Closes the innermost open element, which must be {@code element}. */
    public Html close(String element) {
        String expected = openElements.peek();
        if (!element.equals(expected)) {
            throw new IllegalStateException("closing <" + element + "> but <" + expected + "> is open");
        }
        openElements.pop();
        out.append("</").append(element).append('>');
        return this;
    }

    /** Closes every open element and returns the document. */
    public Html end() {
        while (!openElements.isEmpty()) {
            out.append("</").append(openElements.pop()).append('>');
        }
        return this;
    }

    /** Appends a fragment written separately; its open elements must all be closed. */
    public Html append(Html fragment) {
        if (!fragment.openElements.isEmpty()) {
            throw new IllegalStateException("the fragment has open elements: " + fragment.openElements);
        }
        out.ensureCapacity(out.length() + fragment.out.length() + APPEND_SLACK);
        out.append(fragment.out);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void startTag(String name, String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes of <" + name + "> must be name, value pairs");
        }
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            String attribute = checkAttribute(attributes[i]);
            String value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            if (URL_ATTRIBUTES.contains(attribute)) {
                checkUrl(attribute, value);
            }
            out.append(' ').append(attribute);
            if (!value.isEmpty()) {
                out.append("=\"");
                HtmlEscaper.escape(value, out);
                out.append('"');
            }
        }
        out.append('>');
    }

    /** Requires {@code [a-z][a-z0-9-]*}. */
    private static String checkName(String name, String what) {
        if (name == null || name.isEmpty() || !isLowerLetter(name.charAt(0))) {
            throw new IllegalArgumentException("not an " + what + " name: " + name);
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLowerLetter(c) && !(c >= '0' && c <= '9') && c != '-') {
                throw new IllegalArgumentException("not an " + what + " name: " + name);
            }
        }
        return name;
    }

    private static boolean isLowerLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isAsciiLetter(char c) {
        return isLowerLetter(c) || (c >= 'A' && c <= 'Z');
    }

    private static String checkAttribute(String name) {
        checkName(name, "attribute");
        if (name.startsWith("on") || name.equals("style") || name.equals("srcdoc")) {
            throw new IllegalArgumentException("attribute " + name + " is not allowed: no inline script or style");
        }
        return name;
    }

    private static void checkUrl(String attribute, String value) {
        String trimmed = value.strip();
        int colon = schemeEnd(trimmed);
        if (colon > 0) {
            String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("mailto")) {
                throw new IllegalArgumentException(attribute + " must not use the " + scheme + ": scheme");
            }
        }
    }

    /** The index of the colon ending a URL's scheme ({@code [a-zA-Z][a-zA-Z0-9+.-]*:}), or -1 when it has none. */
    private static int schemeEnd(String url) {
        if (url.isEmpty() || !isAsciiLetter(url.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i;
            }
            boolean schemeChar = isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
            if (!schemeChar) {
                return -1;
            }
        }
        return -1;
    }
}
