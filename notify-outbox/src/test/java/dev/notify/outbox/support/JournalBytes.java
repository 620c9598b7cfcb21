package dev.notify.outbox.support;

import dev.notify.Channel;
import dev.notify.outbox.OutboxEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The file journal's segment format, written and walked by hand, and the entries and contents its tests store: for
 * tests that fill, damage or forge segments.
 */
public final class JournalBytes {

    public static final int HEADER = 12;
    public static final int FRAME = 8;

    /** A record's place in a segment: where its frame starts and its length, frame included. */
    public record Bounds(int offset, int length) {
        public int end() {
            return offset + length;
        }
    }

    private JournalBytes() {
    }

    /** A pending email entry due at {@code at}, its Message-ID made from its id. */
    public static OutboxEntry pending(String id, Instant at) {
        return OutboxEntry.pending(id, Optional.empty(), Channel.EMAIL, "<" + id + "@example.com>", at);
    }

    /** {@code size} bytes of {@code fill}. */
    public static byte[] content(int size, int fill) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    /** The segment files in {@code directory}, oldest first. */
    public static List<Path> segments(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of an undamaged segment, in order, up to the zeros written ahead. */
    public static List<Bounds> records(byte[] segment) {
        List<Bounds> records = new ArrayList<>();
        int position = HEADER;
        while (position + FRAME <= segment.length) {
            int length = ByteBuffer.wrap(segment, position, 4).getInt();
            if (length <= 0) {
                break;
            }
            records.add(new Bounds(position, FRAME + length));
            position += FRAME + length;
        }
        return records;
    }

    /** A segment's header: magic and format version 1. */
    public static byte[] header() {
        return ByteBuffer.allocate(HEADER).put("NTFYJRNL".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(1).array();
    }

    /** {@code body} framed with its length and a checksum that holds. */
    public static byte[] frame(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return ByteBuffer.allocate(FRAME + body.length).putInt(body.length).putInt((int) crc.getValue()).put(body)
                .array();
    }
}
