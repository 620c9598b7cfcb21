package dev.notify.smtp.internal.dkim;

import java.util.ArrayList;
import java.util.List;

/**
 * A message's header fields and where its body starts, found in its bytes (lines ending in CR LF, as they go
 * to the server before dot-stuffing).
 */
record MessageParts(List<HeaderField> fields, int bodyStart) {

    /**
     * @throws IllegalArgumentException when a header line has no colon or the header does not end with an empty
     *     line, or a line ends without CR LF
     */
    static MessageParts of(byte[] message, int length) {
        List<HeaderField> fields = new ArrayList<>(16);
        int fieldStart = -1;
        int colon = -1;
        int pos = 0;
        while (pos < length) {
            int lineEnd = lineEnd(message, pos, length);
            if (lineEnd == pos) {
                if (fieldStart >= 0) {
                    fields.add(new HeaderField(fieldStart, colon, pos));
                }
                return new MessageParts(fields, pos + 2);
            }
            if (HeaderField.isWsp(message[pos])) {
                if (fieldStart < 0) {
                    throw new IllegalArgumentException("the message starts with a continuation line");
                }
            } else {
                if (fieldStart >= 0) {
                    fields.add(new HeaderField(fieldStart, colon, pos));
                }
                fieldStart = pos;
                colon = indexOf(message, (byte) ':', pos, lineEnd);
                if (colon < 0) {
                    throw new IllegalArgumentException("a header line has no colon");
                }
            }
            pos = lineEnd + 2;
        }
        throw new IllegalArgumentException("the header does not end with an empty line");
    }

    /** The position of the CR of the CR LF that ends the line starting at {@code pos}. */
    private static int lineEnd(byte[] message, int pos, int length) {
        for (int i = pos; i < length; i++) {
            if (message[i] == '\r' && i + 1 < length && message[i + 1] == '\n') {
                return i;
            }
            if (message[i] == '\r' || message[i] == '\n') {
                throw new IllegalArgumentException("a header line ends in a bare CR or LF; lines must end in CR LF");
            }
        }
        throw new IllegalArgumentException("the header does not end with an empty line");
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
