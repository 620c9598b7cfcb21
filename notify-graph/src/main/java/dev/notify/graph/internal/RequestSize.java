package dev.notify.graph.internal;

import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import com.microsoft.kiota.serialization.SerializationWriter;
import com.microsoft.kiota.serialization.SerializationWriterFactory;
import dev.notify.InvalidMessageException;
import dev.notify.Problem;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Refuses a message whose sendMail request Graph would refuse for its size: over {@value #MAX_REQUEST_BYTES} bytes
 * as sent, measured on the JSON the Graph SDK writes (a body of quotes and backslashes doubles in size when
 * escaped, attachments grow by a third in base64).
 *
 * <p>This class is threadsafe.
 */
final class RequestSize {

    /** The largest sendMail request Graph takes: 4 MB. */
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private static final String JSON = "application/json";

    private final SerializationWriterFactory writers;

    /** @param writers the factory the Graph client serializes its requests with */
    RequestSize(SerializationWriterFactory writers) {
        this.writers = writers;
    }

    /**
     * @param request the message's request body, used up by this check: build another one to send
     * @throws InvalidMessageException naming the part that makes the request too big: {@code text}, {@code html}
     *     or {@code attachments}
     */
    void check(EmailMessage message, SendMailPostRequestBody request) {
        long size = jsonBytes(request);
        if (size <= MAX_REQUEST_BYTES) {
            return;
        }
        long attachments = 0;
        for (Attachment a : message.attachments()) {
            attachments += 4 * ((a.size() + 2) / 3);
        }
        long body = size - attachments;
        String part = attachments >= body ? "attachments" : message.html().isPresent() ? "html" : "text";
        String what = part.equals("attachments") ? "the attachments are " + mb(attachments) + " in base64"
                : "the " + part + " body is " + mb(body) + " once escaped for JSON";
        throw new InvalidMessageException(List.of(new Problem(part, String.format(Locale.ROOT, "the sendMail request "
                + "for this message is %s (%d bytes), over the %d bytes (4 MB) Microsoft Graph takes in one request: "
                + "%s (attachments grow by a third in base64; quotes, backslashes and control characters in a body "
                + "double or more). Share large files as links, or send this message with SMTP",
                mb(size), size, MAX_REQUEST_BYTES, what))));
    }

    private long jsonBytes(SendMailPostRequestBody request) {
        try (SerializationWriter writer = writers.getSerializationWriter(JSON)) {
            writer.writeObjectValue(null, request);
            try (InputStream json = writer.getSerializedContent()) {
                return json.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the sendMail request", e);
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
