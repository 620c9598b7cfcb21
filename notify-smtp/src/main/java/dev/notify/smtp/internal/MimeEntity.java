package dev.notify.smtp.internal;

import java.util.List;

/**
 * A MIME entity as it is written: the value of its Content-Type, of its Content-Transfer-Encoding (null for a
 * multipart, which has none), any further header lines (Content-Disposition, Content-ID) and its body, encoded.
 */
record MimeEntity(String contentType, String transferEncoding, List<String> headerLines, byte[] body) {

    MimeEntity {
        headerLines = List.copyOf(headerLines);
    }
}
