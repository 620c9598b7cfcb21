package dev.notify.message;

import dev.notify.InvalidMessageException;
import dev.notify.internal.HeaderText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file attached to an email, or an inline part (an image the HTML body shows with {@code cid:<content id>}).
 * The content is either bytes, copied in and out so an attachment never changes after it is built, or a
 * <em>streamed</em> source ({@link #of(String, String, Path)}, {@link #streamed}) that is read each time the
 * attachment is sent and never held whole by providers that stream ({@link #openStream()}): the way to send large
 * files.
 *
 * <p>This class is immutable and threadsafe; a streamed attachment is as threadsafe as its {@link Source}.
 */
public final class Attachment {

    private static final Pattern CONTENT_TYPE =
            Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[^\"]*\"|[^;\\s]+))*");
    private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9._@-]{1,200}");

    private final String fileName;
    private final String contentType;
    private final byte[] content;
    private final Source source;
    private final long length;
    private final String contentId;

    private Attachment(String fileName, String contentType, byte[] content, Source source, long length,
            String contentId) {
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = content;
        this.source = source;
        this.length = length;
        this.contentId = contentId;
    }

    /**
     * Where a streamed attachment's bytes come from. Each {@link #open()} returns a new stream over the whole content
     * from its first byte, exactly {@link Attachment#length()} bytes long; a sender may open it more than once (a
     * retry, a resumed upload) and closes every stream it opens. Implementations must be threadsafe.
     */
    @FunctionalInterface
    public interface Source {

        /** A new stream positioned at the first byte of the content. */
        InputStream open() throws IOException;
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

    /**
     * A file attachment streamed from {@code file}: the file is read each time the message is sent, so it must stay
     * in place and unchanged until then. Its size is read now.
     *
     * @throws InvalidMessageException as {@link #of(String, String, byte[])}, and {@code attachment.file} when the
     *     file is not a readable regular file
     */
    public static Attachment of(String fileName, String contentType, Path file) {
        Objects.requireNonNull(file, "file");
        long size;
        try {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new InvalidMessageException("attachment.file", "is not a readable file: " + file);
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidMessageException("attachment.file", "cannot read the size of " + file + ": " + e);
        }
        return streamed(fileName, contentType, size, () -> Files.newInputStream(file));
    }

    /**
     * A file attachment of {@code size} bytes streamed from {@code source} each time the message is sent.
     *
     * @throws InvalidMessageException as {@link #of(String, String, byte[])}, and {@code attachment.size} when
     *     {@code size} is negative
     */
    public static Attachment streamed(String fileName, String contentType, long size, Source source) {
        Objects.requireNonNull(source, "source");
        if (size < 0) {
            throw new InvalidMessageException("attachment.size", "must not be negative, was " + size);
        }
        checkNameAndType(fileName, contentType);
        return new Attachment(fileName.strip(), contentType.strip(), null, source, size, null);
    }

    private static Attachment create(String fileName, String contentType, byte[] content, String contentId) {
        checkNameAndType(fileName, contentType);
        Objects.requireNonNull(content, "content");
        return new Attachment(fileName.strip(), contentType.strip(), content.clone(), null, content.length, contentId);
    }

    private static void checkNameAndType(String fileName, String contentType) {
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
    }

    public String fileName() {
        return fileName;
    }

    /** The MIME type with any parameters, {@code application/pdf} or {@code text/plain; charset=UTF-8}. */
    public String contentType() {
        return contentType;
    }

    /**
     * A copy of the content. A streamed attachment is read whole into memory: providers that can stream use
     * {@link #openStream()} instead.
     *
     * @throws UncheckedIOException when a streamed attachment's source cannot be read
     * @throws IllegalStateException when the source gives another number of bytes than {@link #length()}
     */
    public byte[] content() {
        if (content != null) {
            return content.clone();
        }
        try (InputStream in = source.open()) {
            byte[] bytes = in.readNBytes(Math.toIntExact(length));
            if (bytes.length != length || in.read() != -1) {
                throw new IllegalStateException("the source of attachment " + fileName + " did not give the "
                        + length + " bytes it was built with");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read attachment " + fileName, e);
        }
    }

    /**
     * A new stream over the content, from its first byte; the caller closes it.
     *
     * @throws IOException when a streamed attachment's source cannot be opened
     */
    public InputStream openStream() throws IOException {
        return content != null ? new ByteArrayInputStream(content) : source.open();
    }

    /** The content's size in bytes. */
    public long length() {
        return length;
    }

    /**
     * The content's size in bytes.
     *
     * @throws ArithmeticException for a streamed attachment of 2 GiB or more: use {@link #length()}
     */
    public int size() {
        return Math.toIntExact(length);
    }

    /** Whether the content is read from a {@link Source} when sent, rather than held as bytes. */
    public boolean isStreamed() {
        return content == null;
    }

    /** The Content-ID of an inline part; empty for a file attachment. */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    public boolean isInline() {
        return contentId != null;
    }

    /** Attachments with bytes are equal by value; streamed ones when they share the same {@link Source} object. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment other && fileName.equals(other.fileName)
                && contentType.equals(other.contentType) && Arrays.equals(content, other.content)
                && source == other.source && length == other.length && Objects.equals(contentId, other.contentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, content == null ? System.identityHashCode(source)
                : Arrays.hashCode(content), length, contentId);
    }

    @Override
    public String toString() {
        return (contentId == null ? "Attachment[" : "Inline[cid=" + contentId + ", ")
                + fileName + ", " + contentType + ", " + length + " bytes" + (content == null ? ", streamed]" : "]");
    }
}
