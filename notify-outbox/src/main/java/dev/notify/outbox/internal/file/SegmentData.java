package dev.notify.outbox.internal.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * A segment file read at random positions through one window of {@link #WINDOW} bytes, for recovery: scanning a
 * segment of any size needs no more memory than the window and the largest record body, and no mapping that
 * would hold the file open.
 */
final class SegmentData {

    static final int WINDOW = 1024 * 1024;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long start = -1;

    SegmentData(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    long size() {
        return size;
    }

    byte get(long position) {
        return window(position, 1).get((int) (position - start));
    }

    int getInt(long position) {
        return window(position, 4).getInt((int) (position - start));
    }

    /** The {@code length} bytes at {@code position}; the caller has checked that they are in the file. */
    ByteBuffer bytes(long position, int length) {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        fill(bytes, position);
        return bytes.flip();
    }

    int checksum(long position, int length) {
        CRC32C crc = new CRC32C();
        for (long p = position, end = position + length; p < end; ) {
            int n = (int) Math.min(WINDOW, end - p);
            crc.update(window(p, n).slice((int) (p - start), n));
            p += n;
        }
        return (int) crc.getValue();
    }

    /** The window, moved so that it holds the {@code n} bytes at {@code position}. */
    private ByteBuffer window(long position, int n) {
        if (start < 0 || position < start || position + n > start + window.limit()) {
            start = position;
            window.clear().limit((int) Math.min(WINDOW, size - position));
            fill(window, position);
            window.flip();
        }
        return window;
    }

    private void fill(ByteBuffer buffer, long position) {
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("the file ends before offset " + (position + buffer.limit()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
