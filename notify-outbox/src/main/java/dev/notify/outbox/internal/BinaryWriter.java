package dev.notify.outbox.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Writes the outbox's binary formats: big-endian numbers, length-prefixed UTF-8 strings and byte arrays. */
final class BinaryWriter {

    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;

    BinaryWriter() {
        this(256);
    }

    /** A writer whose buffer starts at {@code capacity} bytes: the expected size, to spare copies. */
    BinaryWriter(int capacity) {
        this.bytes = new ByteArrayOutputStream(capacity);
        this.out = new DataOutputStream(bytes);
    }

    BinaryWriter writeByte(int value) {
        return io(() -> out.writeByte(value));
    }

    BinaryWriter writeInt(int value) {
        return io(() -> out.writeInt(value));
    }

    BinaryWriter writeLong(long value) {
        return io(() -> out.writeLong(value));
    }

    BinaryWriter writeBytes(byte[] value) {
        return io(() -> {
            out.writeInt(value.length);
            out.write(value);
        });
    }

    BinaryWriter writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A flag byte, then the string when present. */
    BinaryWriter writeOptional(Optional<String> value) {
        writeByte(value.isPresent() ? 1 : 0);
        value.ifPresent(this::writeString);
        return this;
    }

    BinaryWriter writeInstant(Instant value) {
        writeLong(value.getEpochSecond());
        return writeInt(value.getNano());
    }

    BinaryWriter writeOptionalInstant(Optional<Instant> value) {
        writeByte(value.isPresent() ? 1 : 0);
        value.ifPresent(this::writeInstant);
        return this;
    }

    BinaryWriter writeStrings(Collection<String> values) {
        writeInt(values.size());
        values.forEach(this::writeString);
        return this;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private BinaryWriter io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
