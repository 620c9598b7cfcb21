package dev.notify.smtp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gathers what a connection sends in one round trip — commands and message content — and writes it with one
 * socket write per {@link #CHUNK} bytes, each bounded by the write timeout: a write that blocks longer closes the
 * socket, which fails the write.
 *
 * <p>Not threadsafe: one thread writes a connection at a time.
 */
final class CommandWriter {

    static final int CHUNK = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final OutputStream out;
    private final ScheduledExecutorService deadlines;
    private final long timeoutNanos;
    private byte[] buffer = new byte[4096];
    private int size;

    CommandWriter(Socket socket, OutputStream out, ScheduledExecutorService deadlines, Duration timeout) {
        this.socket = socket;
        this.out = out;
        this.deadlines = deadlines;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Adds a command line; the command is ASCII (addresses are, after IDNA) and gets its CR LF here. */
    CommandWriter command(String line) {
        int length = line.length();
        ensure(length + 2);
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("an SMTP command must be printable ASCII");
            }
            buffer[size++] = (byte) c;
        }
        return bytes(CRLF, 0, 2);
    }

    CommandWriter bytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        return this;
    }

    /** Room for {@code more} bytes at {@link #array()}{@code [}{@link #size()}{@code ]}. */
    void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    byte[] array() {
        return buffer;
    }

    int size() {
        return size;
    }

    void advance(int written) {
        size += written;
    }

    /** Sends everything gathered and starts a new round. */
    void flush() throws IOException {
        try {
            for (int offset = 0; offset < size; offset += CHUNK) {
                write(offset, Math.min(CHUNK, size - offset));
            }
            out.flush();
        } finally {
            size = 0;
            if (buffer.length > 16 * CHUNK) {
                buffer = new byte[4096];
            }
        }
    }

    private void write(int offset, int length) throws IOException {
        ScheduledFuture<?> deadline = deadlines.schedule(this::abort, timeoutNanos, TimeUnit.NANOSECONDS);
        try {
            out.write(buffer, offset, length);
        } finally {
            deadline.cancel(false);
        }
    }

    private Void abort() throws IOException {
        socket.close();
        return null;
    }
}
