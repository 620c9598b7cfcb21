package dev.notify.message;

import dev.notify.InvalidMessageException;
import dev.notify.internal.HeaderText;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file attached to an email, or an inline part (an image the HTML body shows with {@code cid:<content id>}).
 * The content is copied in and out, so an attachment never changes after it is built.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Attachment {

    private static final Pattern CONTENT_TYPE =
            Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[^\"]*\"|[^;\\s]+))*");
    private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9._@-]{1,200}");

    private final String fileName;
    private final String contentType;
    private final byte[] content;
    private final String contentId;

    private Attachment(String fileName, String contentType, byte[] content, String contentId) {
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = content;
        this.contentId = contentId;
    }

    /**
     * A file attachment. The name may contain any printable Unicode character; it is encoded per RFC 2231.
     *
     * @throws InvalidMessageException naming the field when a value is empty, contains a control character (CR,
     *     LF, NUL, tab) or a line separator anywhere, quoted parameters of the content type included, or the
     *     content type is not {@code type/subtype} with optional parameters
     */
    public static Attachment of(String fileName, String contentType, byte[] content) {
        return create(fileName, contentType, content, null);
    }

    /**
     * An inline part referenced from the HTML body as {@code cid:contentId}.
     *
     * @param contentId letters, digits and {@code . _ @ -}, without angle brackets
     */
    public static Attachment inline(String contentId, String fileName, String contentType, byte[] content) {
        if (contentId == null || !CONTENT_ID.matcher(contentId).matches()) {
            throw new InvalidMessageException("attachment.content-id",
                    "must be 1-200 letters, digits or . _ @ - without angle brackets, was '" + contentId + "'");
        }
        return create(fileName, contentType, content, contentId);
    }

    private static Attachment create(String fileName, String contentType, byte[] content, String contentId) {
        if (fileName == null || fileName.isBlank()) {
            throw new InvalidMessageException("attachment.name", "must not be empty");
        }
        String forbidden = HeaderText.forbiddenCharacter(fileName);
        if (forbidden != null) {
            throw new InvalidMessageException("attachment.name", forbidden);
        }
        if (fileName.contains("/") || fileName.contains("\\")) {
            throw new InvalidMessageException("attachment.name", "must be a file name, not a path: '" + fileName + "'");
        }
        String forbiddenInType = contentType == null ? null : HeaderText.forbiddenCharacter(contentType);
        if (forbiddenInType != null) {
            throw new InvalidMessageException("attachment.content-type", forbiddenInType);
        }
        if (contentType == null || !CONTENT_TYPE.matcher(contentType.strip()).matches()) {
            throw new InvalidMessageException("attachment.content-type",
                    "must be 'type/subtype' with optional parameters, was '" + contentType + "'");
        }
        Objects.requireNonNull(content, "content");
        return new Attachment(fileName.strip(), contentType.strip(), content.clone(), contentId);
    }

    public String fileName() {
        return fileName;
    }

    /** The MIME type with any parameters, {@code application/pdf} or {@code text/plain; charset=UTF-8}. */
    public String contentType() {
        return contentType;
    }

    /** A copy of the content. */
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    /** The Content-ID of an inline part; empty for a file attachment. */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    public boolean isInline() {
        return contentId != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment other && fileName.equals(other.fileName)
                && contentType.equals(other.contentType) && Arrays.equals(content, other.content)
                && Objects.equals(contentId, other.contentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, Arrays.hashCode(content), contentId);
    }

    @Override
    public String toString() {
        return (contentId == null ? "Attachment[" : "Inline[cid=" + contentId + ", ")
                + fileName + ", " + contentType + ", " + content.length + " bytes]";
    }
}
