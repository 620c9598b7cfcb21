package dev.notify.benchmarks.sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads CRLF-terminated lines, and counted octets between them, from a socket with its own buffer. Not threadsafe. */
final class LineReader {

    /** Receives octets as they are read; the array is only valid during the call. */
    @FunctionalInterface
    interface Octets {
        void accept(byte[] bytes, int offset, int length);
    }

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
            if (position == limit && !fill()) {
                return length == 0 ? null : text(length);
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

    /** Passes exactly {@code count} octets to {@code octets} as they arrive; false if the input ends first. */
    boolean readOctets(long count, Octets octets) throws IOException {
        long left = count;
        while (left > 0) {
            if (position == limit && !fill()) {
                return false;
            }
            int n = (int) Math.min(left, limit - position);
            octets.accept(buffer, position, n);
            position += n;
            left -= n;
        }
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private String text(int length) {
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }
}
