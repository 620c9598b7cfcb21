package dev.notify.benchmarks.sink;

import java.nio.charset.StandardCharsets;

/**
 * Counts a message's octets as they stream past and finds the {@code #n} at the end of its Subject (a folded Subject
 * is unfolded first); fed whole lines (DATA) or octets cut anywhere (BDAT chunks). Not threadsafe.
 */
final class MessageScanner {

    private static final int MAX_FIELD = 4096;

    private final byte[] line = new byte[MAX_FIELD];
    private final StringBuilder field = new StringBuilder();
    private int lineLength;
    private boolean headers = true;
    private long size;
    private long sequence = -1;

    /** One line of DATA content, without its CRLF. */
    void line(String text) {
        size += text.length() + 2;
        if (headers) {
            headerLine(text);
        }
    }

    /** Octets of BDAT chunks, in order; lines may span calls. */
    void octets(byte[] bytes, int offset, int length) {
        size += length;
        for (int i = offset; i < offset + length && headers; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                headerLine(new String(line, 0, end, StandardCharsets.ISO_8859_1));
                lineLength = 0;
            } else if (lineLength < line.length) {
                line[lineLength++] = b;
            }
        }
    }

    long size() {
        return size;
    }

    /** The number after the last '#' of the Subject, or -1. */
    long sequence() {
        endField();
        return sequence;
    }

    private void headerLine(String text) {
        if (text.isEmpty()) {
            endField();
            headers = false;
        } else if ((text.charAt(0) == ' ' || text.charAt(0) == '\t') && field.length() > 0) {
            field.append(text, 0, Math.min(text.length(), MAX_FIELD - field.length()));
        } else {
            endField();
            field.append(text, 0, Math.min(text.length(), MAX_FIELD));
        }
    }

    private void endField() {
        if (isSubject(field)) {
            sequence = sequenceOf(field);
        }
        field.setLength(0);
    }

    private static boolean isSubject(CharSequence field) {
        String name = "subject:";
        if (field.length() < name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase(field.charAt(i)) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long sequenceOf(CharSequence subject) {
        int hash = subject.toString().lastIndexOf('#');
        if (hash < 0) {
            return -1;
        }
        long value = 0;
        int i = hash + 1;
        for (; i < subject.length() && Character.isDigit(subject.charAt(i)); i++) {
            value = value * 10 + (subject.charAt(i) - '0');
        }
        return i == hash + 1 ? -1 : value;
    }
}
