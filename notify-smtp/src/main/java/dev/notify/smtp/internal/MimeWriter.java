package dev.notify.smtp.internal;

import dev.notify.message.Attachment;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.LineOutputStream;
import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encodes text, files and multiparts into {@link MimeEntity MIME entities}, byte for byte as Jakarta Mail's
 * {@code MimeBodyPart} and {@code MimeMultipart} write them, with the encoders of the session's
 * {@link StreamProvider}. Jakarta Mail looks its StreamProvider up with the ServiceLoader, scanning the class path,
 * each time it creates a body part or multipart and twice each time it writes one, and its DataHandlers take the
 * default CommandMap's lock; this does neither.
 *
 * <p>This class is threadsafe.
 */
final class MimeWriter {

    private static final String UTF_8 = "UTF-8";
    /** RFC 5322's limit on a line, CR LF excluded. */
    static final int MAX_LINE = 998;
    private static final AtomicInteger BOUNDARIES = new AtomicInteger();

    private final StreamProvider streams;
    private final Clock clock;

    MimeWriter(StreamProvider streams, Clock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    /** A UTF-8 text of type {@code text/<subtype>}, in the transfer encoding Jakarta Mail would choose. */
    MimeEntity text(String content, String subtype) {
        String encoding = transferEncoding(content);
        return new MimeEntity("text/" + subtype + "; charset=" + UTF_8, encoding, List.of(),
                encode(content.getBytes(StandardCharsets.UTF_8), encoding));
    }

    /** An attachment, inline (with its Content-ID) or not, its file name encoded per RFC 2231. */
    MimeEntity file(Attachment attachment) throws MessagingException {
        byte[] content = attachment.content();
        String encoding = MimeUtility.getEncoding(new DataHandler(new ByteArrayDataSource(content,
                attachment.contentType())));
        ContentType type = new ContentType(attachment.contentType());
        ParameterList typeParameters = type.getParameterList() == null ? new ParameterList() : type.getParameterList();
        typeParameters.set("name", attachment.fileName(), UTF_8);
        type.setParameterList(typeParameters);
        ParameterList dispositionParameters = new ParameterList();
        dispositionParameters.set("filename", attachment.fileName(), UTF_8);
        List<String> headerLines = new ArrayList<>(2);
        headerLines.add("Content-Disposition: " + new ContentDisposition(
                attachment.isInline() ? Part.INLINE : Part.ATTACHMENT, dispositionParameters));
        attachment.contentId().ifPresent(id -> headerLines.add("Content-ID: <" + id + ">"));
        return new MimeEntity(type.toString(), encoding, headerLines, encode(content, encoding));
    }

    /** A {@code multipart/<subtype>} of the parts, in order, with a new boundary. */
    MimeEntity multipart(String subtype, List<MimeEntity> parts) throws MessagingException {
        String boundary = "----=_Part_" + BOUNDARIES.getAndIncrement() + "_"
                + ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE) + "." + clock.millis();
        ContentType type = new ContentType("multipart", subtype, null);
        type.setParameter("boundary", boundary);
        int size = 0;
        for (MimeEntity part : parts) {
            size += part.body().length + 256;
        }
        Bytes out = new Bytes(size + 64);
        LineOutputStream lines = streams.outputLineStream(out, false);
        try {
            for (MimeEntity part : parts) {
                lines.writeln("--" + boundary);
                writeHeader(lines, part);
                lines.writeln();
                out.write(part.body());
                lines.writeln();
            }
            lines.writeln("--" + boundary + "--");
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail", e);
        }
        return new MimeEntity(type.toString(), null, List.of(), out.toByteArray());
    }

    private static void writeHeader(LineOutputStream lines, MimeEntity part) throws IOException {
        lines.writeln("Content-Type: " + part.contentType());
        if (part.transferEncoding() != null) {
            lines.writeln("Content-Transfer-Encoding: " + part.transferEncoding());
        }
        for (String line : part.headerLines()) {
            lines.writeln(line);
        }
    }

    /**
     * The Content-Transfer-Encoding of a UTF-8 text, by the rule Jakarta Mail applies (7bit for ASCII with lines of
     * at most 998 octets, quoted-printable for mostly ASCII, base64 otherwise), in one pass over the string instead
     * of Jakarta Mail encoding the whole content to a counting stream to find out.
     */
    static String transferEncoding(String content) {
        long ascii = 0;
        long other = 0;
        int line = 0;
        boolean longLine = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\r' || c == '\n') {
                line = 0;
                ascii++;
                continue;
            }
            if (++line > MAX_LINE) {
                longLine = true;
            }
            if (c < 0x80 && (c >= 0x20 || c == '\t') && c != 0x7F) {
                ascii++;
            } else if (c < 0x80) {
                other++;
            } else if (Character.isHighSurrogate(c)) {
                other += 2;
            } else {
                other += c < 0x800 ? 2 : 3;
            }
        }
        if (other == 0 && !longLine) {
            return "7bit";
        }
        return ascii > other ? "quoted-printable" : "base64";
    }

    /**
     * The content in a transfer encoding; flushed and not closed, as Jakarta Mail ends a part, so that the
     * bytes are the same.
     */
    private byte[] encode(byte[] content, String transferEncoding) {
        if (transferEncoding.equals("7bit") || transferEncoding.equals("8bit") || transferEncoding.equals("binary")) {
            return content;
        }
        Bytes out = new Bytes(content.length * 4 / 3 + content.length / 38 + 8);
        OutputStream encoder = switch (transferEncoding) {
            case "base64" -> streams.outputBase64(out);
            case "quoted-printable" -> streams.outputQP(out);
            default -> throw new IllegalArgumentException("unknown transfer encoding " + transferEncoding);
        };
        try {
            encoder.write(content);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail", e);
        }
        return out.toByteArray();
    }

    /** A ByteArrayOutputStream without its lock: Angus's encoders and line streams write a byte at a time. */
    static final class Bytes extends OutputStream {
        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        @Override
        public void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
