package dev.notify.testkit.graph;

import java.util.List;
import java.util.Objects;

/**
 * One attachment the {@link GraphServerExtension} received through an upload session, complete or not. The stub keeps
 * the content's SHA-256 and size, never the content, so uploads of any size cost it one chunk of memory.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param messageId          the draft's id
 * @param name               the attachment's file name
 * @param contentType        its MIME type
 * @param size               the size announced when the session was created
 * @param received           the bytes accepted so far, in order
 * @param sha256             the SHA-256 of the bytes accepted, in lowercase hex; of the whole content once complete
 * @param contentRanges      the {@code Content-Range} of each accepted chunk, in order, {@code bytes 0-3932159/20971520}
 * @param putsWithBearerToken chunk requests that carried an {@code Authorization} header (refused with 401, as Graph
 *                           does)
 */
public record UploadedAttachment(String messageId, String name, String contentType, long size, long received,
        String sha256, List<String> contentRanges, int putsWithBearerToken) {

    public UploadedAttachment {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        contentRanges = List.copyOf(contentRanges);
    }

    /** Whether every announced byte arrived. */
    public boolean complete() {
        return received == size;
    }
}
