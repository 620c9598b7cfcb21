package dev.notify.graph.internal;

import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.SerializationWriter;
import com.microsoft.kiota.serialization.SerializationWriterFactory;
import dev.notify.InvalidMessageException;
import dev.notify.Problem;
import dev.notify.graph.GraphSettingKeys;
import dev.notify.message.Attachment;
import dev.notify.message.EmailMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Chooses how a message travels by the size of its requests as sent, measured on the JSON the Graph SDK writes (a
 * body of quotes and backslashes doubles in size when escaped, attachments grow by a third in base64) without reading
 * a streamed attachment: one sendMail request when it is at most {@value #MAX_REQUEST_BYTES} bytes, else the draft
 * path; refuses, before any request, a message neither can carry.
 *
 * <p>This class is threadsafe.
 */
final class RequestSize {

    /** The largest request Graph takes: 4 MB. */
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    /** Attachments this size or larger go through an upload session; smaller ones are posted in base64. */
    static final long UPLOAD_SESSION_FROM_BYTES = 3L * 1024 * 1024;
    /** The largest attachment an upload session takes: 150 MB. */
    static final long MAX_ATTACHMENT_BYTES = 150L * 1024 * 1024;
    /** Bytes a JSON writer may add to base64 content (escaped padding). */
    private static final int BASE64_ESCAPE_MARGIN = 16;

    private static final String JSON = "application/json";

    /** How a message is sent. */
    enum Route {
        /** One {@code POST /users/{from}/sendMail}. */
        SEND_MAIL,
        /** A draft, its attachments (large ones through upload sessions), then {@code send}. */
        DRAFT
    }

    private final SerializationWriterFactory writers;

    /** @param writers the factory the Graph client serializes its requests with */
    RequestSize(SerializationWriterFactory writers) {
        this.writers = writers;
    }

    /**
     * @throws InvalidMessageException naming the part that makes the message too big: {@code text} or {@code html}
     *     when the message without attachments is over 4 MB as sent, {@code attachments} when an attachment is over
     *     150 MB or all attachments together are over {@code email.graph.max-message-mb}
     */
    Route route(EmailMessage message, GraphSettings settings) {
        long withoutContent = jsonBytes(MailMapper.toRequest(message, settings.saveToSentItems(), false));
        long total = withoutContent;
        for (Attachment a : message.attachments()) {
            total += base64Bytes(a);
        }
        if (total <= MAX_REQUEST_BYTES) {
            return Route.SEND_MAIL;
        }
        if (withoutContent > MAX_REQUEST_BYTES) {
            String part = message.html().isPresent() ? "html" : "text";
            throw new InvalidMessageException(List.of(new Problem(part, String.format(Locale.ROOT, "the %s body is "
                    + "%s (%d bytes) once escaped for JSON, over the %d bytes (4 MB) Microsoft Graph "
                    + "takes in one request, even for a draft (quotes, backslashes and control characters in a body "
                    + "double or more): shorten the body, or send this message with SMTP", part, mb(withoutContent),
                    withoutContent, MAX_REQUEST_BYTES))));
        }
        long messageBytes = 0;
        for (Attachment a : message.attachments()) {
            if (a.length() > MAX_ATTACHMENT_BYTES) {
                throw new InvalidMessageException(List.of(new Problem("attachments", String.format(Locale.ROOT,
                        "attachment %s is %s (%d bytes), over the %d bytes (150 MB) Microsoft Graph takes per "
                        + "attachment: share it as a link", a.fileName(), mb(a.length()), a.length(),
                        MAX_ATTACHMENT_BYTES))));
            }
            messageBytes += a.length();
        }
        if (messageBytes > settings.maxMessageBytes()) {
            throw new InvalidMessageException(List.of(new Problem("attachments", String.format(Locale.ROOT,
                    "the attachments of this message are %s (%d bytes), over the tenant's maximum message size of "
                    + "%d MB (%s): share "
                    + "large files as links, or raise the mailbox's MaxSendSize in Exchange Online and this setting",
                    mb(messageBytes), messageBytes, settings.resolved().get(GraphSettingKeys.MAX_MESSAGE_MB),
                    settings.fullKey(GraphSettingKeys.MAX_MESSAGE_MB)))));
        }
        return Route.DRAFT;
    }

    /** The bytes of the draft-creation request for a message without attachments. */
    long draftBytes(EmailMessage message) {
        return jsonBytes(MailMapper.toDraft(message, List.of()));
    }

    /** The bytes {@code a} adds to a request as a file attachment, content in base64 included. */
    long base64Bytes(Attachment a) {
        return jsonBytes(MailMapper.fileAttachment(a, false)) + 4 * ((a.length() + 2) / 3) + BASE64_ESCAPE_MARGIN;
    }

    private long jsonBytes(Parsable request) {
        try (SerializationWriter writer = writers.getSerializationWriter(JSON)) {
            writer.writeObjectValue(null, request);
            try (InputStream json = writer.getSerializedContent()) {
                return json.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the Graph request", e);
        }
    }

    /** The JSON the Graph SDK writes for {@code request}, as the body of a request inside a {@code $batch}. */
    String json(Parsable request) {
        try (SerializationWriter writer = writers.getSerializationWriter(JSON)) {
            writer.writeObjectValue(null, request);
            try (InputStream json = writer.getSerializedContent()) {
                return new String(json.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the Graph request", e);
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
