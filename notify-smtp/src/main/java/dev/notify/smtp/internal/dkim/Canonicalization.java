package dev.notify.smtp.internal.dkim;

/** The two canonicalization algorithms of RFC 6376 section 3.4, for header fields and for the body. */
public enum Canonicalization {
    /** Nothing changes but trailing empty lines of the body (RFC 6376 3.4.1 and 3.4.3). */
    SIMPLE("simple") {
        @Override
        void header(byte[] m, int start, int colon, int end, ByteSink out) {
            out.write(m, start, end - start);
        }

        @Override
        void body(byte[] m, int start, int end, ByteSink out) {
            int pendingEmpty = 0;
            boolean any = false;
            for (int line = start; line < end; ) {
                int lineEnd = lineEnd(m, line, end);
                if (lineEnd == line) {
                    pendingEmpty++;
                } else {
                    for (; pendingEmpty > 0; pendingEmpty--) {
                        out.crlf();
                    }
                    out.write(m, line, lineEnd - line);
                    out.crlf();
                    any = true;
                }
                line = Math.min(end, lineEnd + 2);
            }
            if (!any) {
                out.crlf();
            }
        }
    },
    /**
     * Header names in lower case, values unfolded with white space runs as one space; in the body, white space
     * runs as one space and none at line ends (RFC 6376 3.4.2 and 3.4.4).
     */
    RELAXED("relaxed") {
        @Override
        void header(byte[] m, int start, int colon, int end, ByteSink out) {
            int nameEnd = colon;
            while (nameEnd > start && HeaderField.isWsp(m[nameEnd - 1])) {
                nameEnd--;
            }
            for (int i = start; i < nameEnd; i++) {
                out.write(HeaderField.lower(m[i]));
            }
            out.write(':');
            int valueEnd = end >= colon + 3 && m[end - 2] == '\r' && m[end - 1] == '\n' ? end - 2 : end;
            boolean space = false;
            boolean started = false;
            for (int i = colon + 1; i < valueEnd; i++) {
                byte b = m[i];
                if (b == '\r' || b == '\n') {
                    continue;
                }
                if (HeaderField.isWsp(b)) {
                    space = true;
                    continue;
                }
                if (space && started) {
                    out.write(' ');
                }
                space = false;
                started = true;
                out.write(b);
            }
            if (valueEnd != end) {
                out.crlf();
            }
        }

        @Override
        void body(byte[] m, int start, int end, ByteSink out) {
            int pendingEmpty = 0;
            for (int line = start; line < end; ) {
                int lineEnd = lineEnd(m, line, end);
                boolean space = false;
                boolean written = false;
                for (int i = line; i < lineEnd; i++) {
                    byte b = m[i];
                    if (HeaderField.isWsp(b)) {
                        space = true;
                        continue;
                    }
                    if (!written) {
                        for (; pendingEmpty > 0; pendingEmpty--) {
                            out.crlf();
                        }
                        written = true;
                    }
                    if (space) {
                        out.write(' ');
                        space = false;
                    }
                    out.write(b);
                }
                if (written) {
                    out.crlf();
                } else {
                    pendingEmpty++;
                }
                line = Math.min(end, lineEnd + 2);
            }
        }
    };

    private final String id;

    Canonicalization(String id) {
        this.id = id;
    }

    /** The name in the {@code c=} tag. */
    public String id() {
        return id;
    }

    /**
     * Writes the canonical form of the header field at {@code [start, end)}, with its final CR LF when it has one
     * (the DKIM-Signature field being signed has none).
     */
    abstract void header(byte[] m, int start, int colon, int end, ByteSink out);

    /** Writes the canonical form of the body at {@code [start, end)}. */
    abstract void body(byte[] m, int start, int end, ByteSink out);

    /** Where the line starting at {@code pos} ends: its CR LF, or {@code end} for a last line without one. */
    private static int lineEnd(byte[] m, int pos, int end) {
        for (int i = pos; i + 1 < end; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n') {
                return i;
            }
        }
        return end;
    }
}
