package dev.notify.benchmarks.sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads CRLF-terminated lines from a socket with its own buffer. Not threadsafe. */
final class LineReader {

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private byte[] line = new byte[256];
    private int position;
    private int limit;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Whether a read would return without waiting for the network. */
    boolean ready() throws IOException {
        return position < limit || in.available() > 0;
    }

    /** The next line without its line end, or null at the end of input. */
    String readLine() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit) {
                int n = in.read(buffer);
                if (n < 0) {
                    return length == 0 ? null : text(length);
                }
                position = 0;
                limit = n;
            }
            byte b = buffer[position++];
            if (b == '\n') {
                return text(length > 0 && line[length - 1] == '\r' ? length - 1 : length);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = b;
        }
    }

    private String text(int length) {
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }
}
