package dev.notify.outbox.support;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** The file journal's segment format, written and walked by hand: for tests that damage or forge segments. */
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
