package dev.notify.smtp.internal;

import dev.notify.smtp.internal.dkim.DkimSigner;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.eclipse.angus.mail.util.CRLFOutputStream;

/**
 * A message with DKIM signatures, whose bytes are fixed: {@link #sign} renders the built message as the SMTP
 * transport writes it (without Bcc and Content-Length, every line end CR LF), signs those bytes, and the result
 * writes the signature fields followed by exactly those bytes, whatever it is asked to leave out. The transport
 * then only dot-stuffs, which DKIM does not see. Its header fields are the signature fields followed by the
 * rendered ones, as a message parsed from the signed bytes has them, so the sender's view (Message-ID, From) is
 * the signed one; it never changes its headers again.
 */
final class SignedMimeMessage extends MimeMessage {

    /** The header fields Angus's SMTP transport leaves out of the DATA it sends. */
    private static final String[] NOT_SENT = {"Bcc", "Content-Length"};
    private static final byte[] END_OF_HEADER = {'\r', '\n', '\r', '\n'};

    private final byte[] wire;

    private SignedMimeMessage(Session session, List<String> headerLines, byte[] body, byte[] wire)
            throws MessagingException {
        super(session);
        for (String line : headerLines) {
            addHeaderLine(line);
        }
        this.content = body;
        this.wire = wire;
        this.modified = false;
        this.saved = true;
    }

    /** The message signed by each signer, their fields in the signers' order. */
    static MimeMessage sign(MimeMessage built, List<DkimSigner> signers, Session session) throws MessagingException {
        ByteArrayOutputStream rendered = new ByteArrayOutputStream(4096);
        try (OutputStream crlf = new CRLFOutputStream(rendered)) {
            built.writeTo(crlf, NOT_SENT);
        } catch (IOException e) {
            throw new MessagingException("cannot render the message for signing", e);
        }
        byte[] bytes = rendered.toByteArray();
        List<String> headerLines = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream(bytes.length + 512 * signers.size());
        for (DkimSigner signer : signers) {
            String field = signer.sign(bytes);
            headerLines.add(field.endsWith("\r\n") ? field.substring(0, field.length() - 2) : field);
            wire.writeBytes(field.getBytes(StandardCharsets.US_ASCII));
        }
        headerLines.addAll(Collections.list(built.getNonMatchingHeaderLines(NOT_SENT)));
        wire.writeBytes(bytes);
        int bodyStart = endOfHeader(bytes);
        return new SignedMimeMessage(session, headerLines, Arrays.copyOfRange(bytes, bodyStart, bytes.length),
                wire.toByteArray());
    }

    private static int endOfHeader(byte[] message) {
        for (int i = 0; i + END_OF_HEADER.length <= message.length; i++) {
            if (Arrays.equals(message, i, i + END_OF_HEADER.length, END_OF_HEADER, 0, END_OF_HEADER.length)) {
                return i + END_OF_HEADER.length;
            }
        }
        return message.length;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
        out.write(wire);
    }

    /** The headers are signed: nothing is added or changed when the message is saved. */
    @Override
    protected void updateHeaders() {
    }
}
