package dev.notify.outbox.internal.file;

import dev.notify.outbox.internal.CorruptRecordException;
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


    /** A record's body, read: an entry (its encoding and where its content is) or a removal. */
    sealed interface Body permits Entry, Removed {
    }

    /**
     * An {@link #ENTRY} body.
     *
     * @param messageLength the content's length, or -1 when the record keeps the entry's earlier content
     */
    record Entry(byte[] encoded, int messageLength) implements Body {
    }

    /** A {@link #REMOVED} body. */
    record Removed(String id) implements Body {
    }

    /**
     * Reads a body whose checksum held. Every length in it is checked against the bytes that are there before
     * anything is allocated.
     *
     * @throws CorruptRecordException when its lengths do not add up to the body's
     */
    static Body read(ByteBuffer body) {
        byte type = body.get();
        int length = length(body, type == REMOVED ? "id" : "entry");
        byte[] bytes = new byte[length];
        body.get(bytes);
        if (type == REMOVED) {
            end(body);
            return new Removed(new String(bytes, StandardCharsets.UTF_8));
        }
        if (!body.hasRemaining()) {
            throw new CorruptRecordException("an entry record without its content flag");
        }
        byte flag = body.get();
        if (flag == 0) {
            end(body);
            return new Entry(bytes, -1);
        }
        if (flag != 1) {
            throw new CorruptRecordException("an entry record with a content flag of " + flag);
        }
        int messageLength = length(body, "content");
        body.position(body.position() + messageLength);
        end(body);
        return new Entry(bytes, messageLength);
    }

    private static int length(ByteBuffer body, String what) {
        if (body.remaining() < 4) {
            throw new CorruptRecordException("a record that ends before the length of its " + what);
        }
        int length = body.getInt();
        if (length < 0 || length > body.remaining()) {
            throw new CorruptRecordException("a record whose " + what + " length is " + length + " with "
                    + body.remaining() + " bytes left in it");
        }
        return length;
    }

    private static void end(ByteBuffer body) {
        if (body.hasRemaining()) {
            throw new CorruptRecordException("a record with " + body.remaining() + " bytes after its end");
        }
    }

    private static byte[] frame(ByteBuffer b) {
        byte[] bytes = b.array();
        int body = bytes.length - FRAME;
        b.putInt(0, body);
        b.putInt(4, checksum(bytes, FRAME, body));
        return bytes;
    }
}
