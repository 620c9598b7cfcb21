package dev.notify.smtp.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** A MIME message that keeps the Message-ID it was given instead of Jakarta Mail's own. */
final class PresetIdMimeMessage extends MimeMessage {

    private final String messageId;

    PresetIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
