package dev.notify.testkit.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
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
     * The content of DATA: the lines up to the one with a single dot, dot-unstuffed, joined with CRLF, without the
     * last line break; null when the stream ended first.
     */
    byte[] readDotTerminated(int maxLine) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] line;
        boolean first = true;
        while ((line = readLine(maxLine)) != null) {
            if (line.length == 1 && line[0] == '.') {
                return content.toByteArray();
            }
            if (!first) {
                content.write('\r');
                content.write('\n');
            }
            first = false;
            int from = line.length > 0 && line[0] == '.' ? 1 : 0;
            content.write(line, from, line.length - from);
        }
        return null;
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

    /**
     * Waits up to {@code timeout} for input when none is buffered.
     *
     * @return whether input is buffered now (false also at the end of the stream)
     */
    boolean awaitInput(Socket socket, Duration timeout) throws IOException {
        if (buffered() > 0) {
            return true;
        }
        int previous = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        try {
            return fill();
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    /** The bytes read but not yet taken. */
    int buffered() {
        return limit - position;
    }

    /** Reads from the stream into the empty buffer, blocking; false at the end of the stream. */
    private boolean fill() throws IOException {
        position = 0;
        limit = 0;
        limit = in.read(buffer);
        if (limit <= 0) {
            limit = 0;
            return false;
        }
        return true;
    }
}
