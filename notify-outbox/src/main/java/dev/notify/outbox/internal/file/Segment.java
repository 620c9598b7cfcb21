package dev.notify.outbox.internal.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One file of the journal, {@code segment-<number>.log}: a header (magic and format version), then records, then
 * zeros (space written ahead; a zero length ends the records). The
 * journal appends to the newest segment only; older ones are sealed and read when a message is delivered.
 * Not threadsafe: the journal guards it.
 */
final class Segment {

    static final byte[] MAGIC = {'N', 'T', 'F', 'Y', 'J', 'R', 'N', 'L'};
    static final int FORMAT_VERSION = 1;
    static final int HEADER_SIZE = MAGIC.length + 4;

    final long number;
    final Path path;
    final FileChannel channel;
    /** Where the records end: the next record is written here. */
    long size;
    /** The file's length: records, then zeros written ahead so that appends do not change the file's size. */
    long allocated;
    /** Index entries whose latest record or content lives here. */
    int refs;
    /** Records written here, for the share of them still live. */
    int records;

    Segment(long number, Path path, FileChannel channel, long size) {
        this.number = number;
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.allocated = size;
    }

    static String fileName(long number) {
        return String.format("segment-%012d.log", number);
    }

    static ByteBuffer header() {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        header.put(MAGIC).putInt(FORMAT_VERSION).flip();
        return header;
    }

    /** The {@code length} bytes at {@code offset}; a range past the file's end is refused before any allocation. */
    byte[] read(long offset, int length) throws IOException {
        long fileSize = channel.size();
        if (offset < 0 || length < 0 || offset > fileSize - length) {
            throw new IOException(path.getFileName() + " holds " + fileSize + " bytes, not " + length
                    + " at offset " + offset);
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException(path + " ends before offset " + (offset + length));
            }
        }
        return buffer.array();
    }

    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a channel we only read or already forced loses nothing.
        }
    }

    @Override
    public String toString() {
        return path.getFileName() + "[" + size + " bytes, " + refs + " live of " + records + "]";
    }
}
