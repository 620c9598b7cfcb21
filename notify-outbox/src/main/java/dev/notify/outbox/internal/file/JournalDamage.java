package dev.notify.outbox.internal.file;

import java.nio.file.Path;

/**
 * Bytes of a journal segment that recovery could not read: where they are and what they were taken for.
 *
 * @param segment the segment file
 * @param offset  where the unreadable bytes start
 * @param length  how many bytes were skipped from there
 * @param what    what they are and what recovery did with them
 */
public record JournalDamage(Path segment, long offset, long length, String what) {

    @Override
    public String toString() {
        return segment.getFileName() + " at offset " + offset + " (" + length + " bytes): " + what;
    }
}
