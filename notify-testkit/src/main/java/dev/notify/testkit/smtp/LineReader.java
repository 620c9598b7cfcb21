package dev.notify.testkit.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** CRLF- (or LF-) terminated lines as bytes, from a stream it buffers itself. Not threadsafe. */
final class LineReader {

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    byte[] readLine(int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (position == limit && !fill()) {
                return line.size() == 0 ? null : line.toByteArray();
            }
            byte b = buffer[position++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return Arrays.copyOf(bytes, length);
            }
            if (line.size() >= max) {
                throw new IOException("a line longer than " + max + " bytes");
            }
            line.write(b);
        }
    }

    /**
     * Whether a whole line is buffered, reading what the stream has without blocking: in a pipelined group, a
     * complete command still to answer.
     */
    boolean hasCompleteLine() throws IOException {
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return true;
                }
            }
            int available = in.available();
            if (available <= 0 || limit - position == buffer.length) {
                return false;
            }
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
            int read = in.read(buffer, limit, Math.min(available, buffer.length - limit));
            if (read <= 0) {
                return false;
            }
            limit += read;
        }
    }

    /**
     * Copies exactly {@code count} bytes, as they are, to {@code sink} (a BDAT chunk).
     *
     * @return false when the stream ended first
     */
    boolean readExactly(long count, OutputStream sink) throws IOException {
        long left = count;
        while (left > 0) {
            if (position == limit && !fill()) {
                return false;
            }
            int n = (int) Math.min(left, limit - position);
            sink.write(buffer, position, n);
            position += n;
            left -= n;
        }
        return true;
    }

    /** The bytes read but not yet taken. */
    int buffered() {
        return limit - position;
    }

    /** Reads from the stream into the empty buffer, blocking; false at the end of the stream. */
    private boolean fill() throws IOException {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
            limit = 0;
            return false;
        }
        return true;
    }
}
