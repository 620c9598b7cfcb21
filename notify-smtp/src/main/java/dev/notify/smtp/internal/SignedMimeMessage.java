package dev.notify.smtp.internal;

import dev.notify.smtp.internal.dkim.DkimSigner;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.angus.mail.util.CRLFOutputStream;

/**
 * A message with DKIM signatures, whose bytes are fixed: {@link #sign} renders the built message as the SMTP
 * transport writes it (without Bcc and Content-Length, every line end CR LF), signs those bytes, and the result
 * writes the signature fields followed by exactly those bytes, whatever it is asked to leave out. The transport
 * then only dot-stuffs, which DKIM does not see. Its headers are read from the signed bytes, so the sender's
 * view (Message-ID, From) is the signed one; it never changes its headers again.
 */
final class SignedMimeMessage extends MimeMessage {

    /** The header fields Angus's SMTP transport leaves out of the DATA it sends. */
    private static final String[] NOT_SENT = {"Bcc", "Content-Length"};

    private final byte[] wire;

    private SignedMimeMessage(Session session, byte[] wire) throws MessagingException {
        super(session, new ByteArrayInputStream(wire));
        this.wire = wire;
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
        ByteArrayOutputStream wire = new ByteArrayOutputStream(bytes.length + 512 * signers.size());
        for (DkimSigner signer : signers) {
            wire.writeBytes(signer.sign(bytes).getBytes(StandardCharsets.US_ASCII));
        }
        wire.writeBytes(bytes);
        return new SignedMimeMessage(session, wire.toByteArray());
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
