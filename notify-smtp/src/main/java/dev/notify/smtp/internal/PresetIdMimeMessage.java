package dev.notify.smtp.internal;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;

/**
 * A MIME message that keeps the Message-ID it was given instead of Jakarta Mail's own, and whose body is set
 * already encoded ({@link #setBody}): saved, it is an unmodified message, which {@link MimeMessage#writeTo} writes
 * as its header lines followed by the content array as it is.
 */
final class PresetIdMimeMessage extends MimeMessage {

    private final String messageId;
    private boolean encodedBody;

    PresetIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    /** Sets the body: its content header fields and its encoded bytes. */
    void setBody(MimeEntity body) throws MessagingException {
        setHeader("Content-Type", body.contentType());
        if (body.transferEncoding() == null) {
            removeHeader("Content-Transfer-Encoding");
        } else {
            setHeader("Content-Transfer-Encoding", body.transferEncoding());
        }
        for (String line : body.headerLines()) {
            addHeaderLine(line);
        }
        dh = null;
        cachedContent = null;
        content = body.body();
        encodedBody = true;
    }

    /** A body set through a DataHandler (or as text or a Multipart) replaces the encoded one. */
    @Override
    public synchronized void setDataHandler(DataHandler handler) throws MessagingException {
        super.setDataHandler(handler);
        encodedBody = false;
        content = null;
    }

    @Override
    public void saveChanges() throws MessagingException {
        super.saveChanges();
        modified = !encodedBody;
    }

    /** With an encoded body, its header fields are already set; the others as {@link MimeMessage} sets them. */
    @Override
    protected synchronized void updateHeaders() throws MessagingException {
        if (!encodedBody) {
            super.updateHeaders();
            return;
        }
        setHeader("MIME-Version", "1.0");
        if (getHeader("Date") == null) {
            setSentDate(new Date());
        }
        updateMessageID();
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
