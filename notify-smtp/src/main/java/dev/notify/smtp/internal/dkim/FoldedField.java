package dev.notify.smtp.internal.dkim;

/**
 * Writes a tag-list header field (RFC 6376 3.2) folded at white space the syntax allows, so no line is longer
 * than 76 octets: between tags, before the colons of {@code h=}, and inside base64 values. Not threadsafe.
 */
final class FoldedField {

    private static final int MAX_LINE = 76;

    private final StringBuilder text = new StringBuilder(512);
    private int column;
    private boolean first = true;

    FoldedField(String name) {
        text.append(name).append(':');
        column = name.length() + 1;
    }

    /** A tag whose value is not folded: {@code v=1}. */
    FoldedField tag(String name, String value) {
        String tag = name + "=" + value;
        startTag(tag.length());
        append(tag);
        return this;
    }

    /** A colon-separated list of header names, folded before a colon where the line is full. */
    FoldedField names(String name, Iterable<String> names) {
        startTag(name.length() + 1);
        append(name + "=");
        boolean firstName = true;
        for (String n : names) {
            String piece = firstName ? n : ":" + n;
            if (!firstName && column + piece.length() > MAX_LINE) {
                fold();
            }
            append(piece);
            firstName = false;
        }
        return this;
    }

    /** A base64 value, folded inside where the line is full. */
    FoldedField base64(String name, String value) {
        startTag(name.length() + 1);
        append(name + "=");
        return base64Value(value);
    }

    /** Continues the last tag with a base64 value, folded inside where the line is full. */
    FoldedField base64Value(String value) {
        int pos = 0;
        while (pos < value.length()) {
            if (column >= MAX_LINE) {
                fold();
            }
            int n = Math.min(value.length() - pos, MAX_LINE - column);
            append(value.substring(pos, pos + n));
            pos += n;
        }
        return this;
    }

    private void startTag(int length) {
        if (!first) {
            text.append(';');
            column++;
        }
        first = false;
        if (column + 1 + length > MAX_LINE) {
            fold();
        } else {
            append(" ");
        }
    }

    private void fold() {
        text.append("\r\n\t");
        column = 1;
    }

    private void append(String s) {
        text.append(s);
        column += s.length();
    }

    /** The field so far, without a final CR LF. */
    String text() {
        return text.toString();
    }

    /** The column after the last character, for continuing the field. */
    int column() {
        return column;
    }

    /** Continues a field written by another instance, from its {@link #text()} and {@link #column()}. */
    static FoldedField continuing(String text, int column) {
        FoldedField f = new FoldedField("");
        f.text.setLength(0);
        f.text.append(text);
        f.column = column;
        f.first = false;
        return f;
    }
}
