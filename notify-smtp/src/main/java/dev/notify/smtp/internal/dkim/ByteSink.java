package dev.notify.smtp.internal.dkim;

import java.util.Arrays;

/** A growable byte buffer that canonical forms are written to before they are hashed. Not threadsafe. */
final class ByteSink {

    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    void write(int b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = (byte) b;
    }

    void write(byte[] source, int offset, int length) {
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void crlf() {
        write('\r');
        write('\n');
    }

    int size() {
        return size;
    }

    /** The bytes written, without copying; valid up to {@link #size()}. */
    byte[] array() {
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
