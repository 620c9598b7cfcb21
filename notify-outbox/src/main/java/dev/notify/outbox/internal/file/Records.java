package dev.notify.outbox.internal.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The framing of a journal record: its body's length and CRC32C, then the body, which starts with the record's
 * type. An {@link #ENTRY} body holds an encoded entry and, optionally, the message's content; a {@link #REMOVED}
 * body the id of an entry removed for good.
 */
final class Records {

    static final int FRAME = 8;
    static final byte ENTRY = 1;
    static final byte REMOVED = 2;
    /** The largest record the journal accepts: a message with 256 MB of attachments is not a notification. */
    static final int MAX_BODY = 256 * 1024 * 1024;

    private Records() {
    }

    static byte[] entry(byte[] entry, byte[] message) {
        int body = 1 + 4 + entry.length + 1 + (message == null ? 0 : 4 + message.length);
        ByteBuffer b = ByteBuffer.allocate(FRAME + body);
        b.position(FRAME);
        b.put(ENTRY).putInt(entry.length).put(entry);
        if (message == null) {
            b.put((byte) 0);
        } else {
            b.put((byte) 1).putInt(message.length).put(message);
        }
        return frame(b);
    }

    /** Where the content starts within a record written by {@link #entry}. */
    static int messageOffset(int entryLength) {
        return FRAME + 1 + 4 + entryLength + 1 + 4;
    }

    static byte[] removed(String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(FRAME + 1 + 4 + idBytes.length);
        b.position(FRAME);
        b.put(REMOVED).putInt(idBytes.length).put(idBytes);
        return frame(b);
    }

    static int checksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static byte[] frame(ByteBuffer b) {
        byte[] bytes = b.array();
        int body = bytes.length - FRAME;
        b.putInt(0, body);
        b.putInt(4, checksum(bytes, FRAME, body));
        return bytes;
    }
}
