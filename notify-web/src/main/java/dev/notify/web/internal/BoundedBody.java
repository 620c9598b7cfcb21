package dev.notify.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, failing as soon as the limit is passed rather than after reading it all. */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** Thrown when a body is longer than the limit; nothing more is read. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public TooLargeException(long limit) {
            super("request body longer than " + limit + " bytes");
        }
    }

    /**
     * Reads the whole body.
     *
     * @param declaredLength the Content-Length, or -1 when unknown; a declared length over the limit fails at once
     * @throws TooLargeException when the body is longer than {@code limit}
     */
    public static byte[] read(InputStream in, long declaredLength, int limit) throws IOException {
        if (declaredLength > limit) {
            throw new TooLargeException(limit);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 256);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1L - body.size()))) > 0) {
            body.write(buffer, 0, n);
            if (body.size() > limit) {
                throw new TooLargeException(limit);
            }
        }
        return body.toByteArray();
    }

    /** Reads and drops up to {@code max} more bytes of a refused body, until its end. */
    public static void drain(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while (total < max && (n = in.read(buffer)) > 0) {
            total += n;
        }
    }
}
