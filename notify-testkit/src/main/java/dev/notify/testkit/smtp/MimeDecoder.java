package dev.notify.testkit.smtp;

import dev.notify.message.Attachment;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/** Turns a received MIME message back into an {@link EmailMessage}. */
final class MimeDecoder {

    private MimeDecoder() {
    }

    static EmailMessage decode(Inbox.Received received) {
        try {
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(received.raw()));
            EmailMessage.Builder b = EmailMessage.builder();
            Address[] from = mime.getFrom();
            if (from != null && from.length > 0) {
                b.from(mailbox(from[0]));
            }
            Set<String> headerRecipients = new HashSet<>();
            for (Address a : nonNull(mime.getRecipients(Message.RecipientType.TO))) {
                b.to(mailbox(a));
                headerRecipients.add(((InternetAddress) a).getAddress().toLowerCase(Locale.ROOT));
            }
            for (Address a : nonNull(mime.getRecipients(Message.RecipientType.CC))) {
                b.cc(mailbox(a));
                headerRecipients.add(((InternetAddress) a).getAddress().toLowerCase(Locale.ROOT));
            }
            for (String r : received.recipients()) {
                if (!headerRecipients.contains(r.toLowerCase(Locale.ROOT))) {
                    b.bcc(r);
                }
            }
            String replyTo = mime.getHeader("Reply-To", ",");
            if (replyTo != null) {
                for (InternetAddress a : InternetAddress.parseHeader(replyTo, false)) {
                    b.replyTo(mailbox(a));
                }
            }
            b.subject(mime.getSubject() == null ? "" : mime.getSubject());
            if (mime.getMessageID() != null) {
                b.messageId(mime.getMessageID());
            }
            for (Header h : Collections.list(mime.getAllHeaders())) {
                if (h.getName().regionMatches(true, 0, "X-", 0, 2)) {
                    b.header(h.getName(), mime.getHeader(h.getName(), ", "));
                }
            }
            walk(mime, b);
            return b.build();
        } catch (MessagingException | IOException e) {
            throw new AssertionError("the server received a message that cannot be decoded: " + e, e);
        }
    }

    private static void walk(Part part, EmailMessage.Builder b) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, b);
            }
            return;
        }
        String contentId = part instanceof MimePart mimePart ? mimePart.getContentID() : null;
        boolean file = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null
                || contentId != null;
        if (!file && part.isMimeType("text/plain")) {
            b.text((String) part.getContent());
        } else if (!file && part.isMimeType("text/html")) {
            b.html((String) part.getContent());
        } else {
            byte[] content = part.getInputStream().readAllBytes();
            String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            String name = part.getFileName() == null ? "unnamed" : part.getFileName();
            b.attach(contentId == null ? Attachment.of(name, type, content)
                    : Attachment.inline(contentId.replaceAll("^<|>$", ""), name, type, content));
        }
    }

    private static EmailAddress mailbox(Address address) {
        InternetAddress ia = (InternetAddress) address;
        return EmailAddress.of(ia.getPersonal(), ia.getAddress());
    }

    private static List<Address> nonNull(Address[] addresses) {
        return addresses == null ? List.of() : List.of(addresses);
    }
}
