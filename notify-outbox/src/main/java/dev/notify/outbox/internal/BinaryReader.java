package dev.notify.outbox.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads what {@link BinaryWriter} wrote; any inconsistency is a {@link CorruptRecordException}. */
final class BinaryReader {

    private final ByteBuffer buffer;

    BinaryReader(byte[] bytes) {
        this.buffer = ByteBuffer.wrap(bytes);
    }

    int readByte() {
        try {
            return buffer.get() & 0xff;
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("record ends early");
        }
    }

    int readInt() {
        try {
            return buffer.getInt();
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("record ends early");
        }
    }

    long readLong() {
        try {
            return buffer.getLong();
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("record ends early");
        }
    }

    byte[] readBytes() {
        int length = readInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new CorruptRecordException("a length of " + length + " with " + buffer.remaining() + " bytes left");
        }
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    String readString() {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    Optional<String> readOptional() {
        return flag() ? Optional.of(readString()) : Optional.empty();
    }

    Instant readInstant() {
        long seconds = readLong();
        int nanos = readInt();
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (RuntimeException e) {
            throw new CorruptRecordException("an invalid time");
        }
    }

    Optional<Instant> readOptionalInstant() {
        return flag() ? Optional.of(readInstant()) : Optional.empty();
    }

    List<String> readStrings() {
        int count = readInt();
        if (count < 0 || count > buffer.remaining()) {
            throw new CorruptRecordException("a count of " + count);
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString());
        }
        return values;
    }

    boolean flag() {
        int flag = readByte();
        if (flag > 1) {
            throw new CorruptRecordException("a flag of " + flag);
        }
        return flag == 1;
    }

    void requireEnd() {
        if (buffer.hasRemaining()) {
            throw new CorruptRecordException(buffer.remaining() + " unexpected bytes at the end");
        }
    }
}
