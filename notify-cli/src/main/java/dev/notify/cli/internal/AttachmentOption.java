package dev.notify.cli.internal;

import dev.notify.message.Attachment;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The value of {@code --attach}: {@code FILE} or {@code FILE;type=TYPE}, a file attachment streamed from disk whose
 * content type is TYPE, else guessed from the file name.
 */
final class AttachmentOption {

    private static final String TYPE = ";type=";
    private static final String UNKNOWN = "application/octet-stream";
    /** Types the JDK's file name map does not know. */
    private static final Map<String, String> MORE_TYPES = Map.of(
            "csv", "text/csv",
            "json", "application/json",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "ics", "text/calendar",
            "md", "text/markdown");

    private AttachmentOption() {
    }

    /** @throws dev.notify.InvalidMessageException when the file cannot be read or the type is not a MIME type */
    static Attachment parse(String spec) {
        int at = spec.lastIndexOf(TYPE);
        Path file = Path.of(at < 0 ? spec : spec.substring(0, at));
        String name = file.getFileName() == null ? spec : file.getFileName().toString();
        String type = at < 0 ? contentType(name) : spec.substring(at + TYPE.length());
        return Attachment.of(name, type, file);
    }

    /** The MIME type of a file name, {@value #UNKNOWN} when its extension is not known. */
    static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        String more = MORE_TYPES.get(extension);
        if (more != null) {
            return more;
        }
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(fileName);
        return guessed == null ? UNKNOWN : guessed;
    }
}
