package dev.notify.smtp.internal;

import dev.notify.message.Attachment;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import dev.notify.spi.MessageIds;

/**
 * Builds the MIME message for an {@link EmailMessage}, in UTF-8 throughout:
 * <pre>
 * multipart/mixed                  only with file attachments
 *   multipart/alternative          only with both text and HTML
 *     text/plain
 *     multipart/related            only with inline parts
 *       text/html
 *       inline parts (Content-ID)
 *   attachments (file names per RFC 2231)
 * </pre>
 * Inline parts of a message without HTML are sent as attachments that keep their Content-ID.
 */
final class MimeBuilder {

    /** The longest mailbox written on one line, leaving room for the longest header name of an address list. */
    private static final int MAX_ADDRESS_LINE = 900;

    private final Clock clock;

    MimeBuilder(Clock clock) {
        this.clock = clock;
    }

    MimeMessage build(EmailMessage email, Session session) throws MessagingException {
        EmailAddress from = email.from().orElseThrow(() -> new IllegalArgumentException("the message has no from"));
        EncodedWords words = new EncodedWords(session.getStreamProvider());
        PresetIdMimeMessage mime = new PresetIdMimeMessage(session, email.messageId().orElseGet(() -> MessageIds.generate(from)));
        mime.setFrom(address(from, words));
        if (!email.to().isEmpty()) {
            mime.setRecipients(Message.RecipientType.TO, addresses(email.to(), words));
        }
        if (!email.cc().isEmpty()) {
            mime.setRecipients(Message.RecipientType.CC, addresses(email.cc(), words));
        }
        if (!email.replyTo().isEmpty()) {
            mime.setReplyTo(addresses(email.replyTo(), words));
        }
        mime.setHeader("Subject", encodeHeader("Subject", email.subject(), words));
        mime.setHeader("Date", MailDates.format(clock.instant(), TimeZone.getDefault()));
        for (Map.Entry<String, String> header : email.headers().entrySet()) {
            mime.addHeader(header.getKey(), encodeHeader(header.getKey(), header.getValue(), words));
        }
        mime.setBody(body(email, new MimeWriter(session.getStreamProvider(), clock)));
        mime.saveChanges();
        return mime;
    }

    /** Envelope recipients: to, cc and bcc, each once, with ASCII (punycode) domains. */
    static InternetAddress[] envelope(EmailMessage email) {
        Set<EmailAddress> unique = new LinkedHashSet<>(email.recipients());
        InternetAddress[] envelope = new InternetAddress[unique.size()];
        int i = 0;
        for (EmailAddress recipient : unique) {
            envelope[i++] = bare(recipient.asciiAddress());
        }
        return envelope;
    }

    private static MimeEntity body(EmailMessage email, MimeWriter writer) throws MessagingException {
        List<Attachment> inline = new ArrayList<>();
        List<Attachment> files = new ArrayList<>();
        for (Attachment attachment : email.attachments()) {
            (attachment.isInline() && email.html().isPresent() ? inline : files).add(attachment);
        }
        return withFiles(content(email, inline, writer), "mixed", files, writer);
    }

    private static MimeEntity content(EmailMessage email, List<Attachment> inline, MimeWriter writer)
            throws MessagingException {
        String text = email.text().orElse(null);
        String html = email.html().orElse(null);
        if (html == null) {
            return writer.text(text, "plain");
        }
        if (text == null) {
            return html(html, inline, writer);
        }
        return writer.multipart("alternative", List.of(writer.text(text, "plain"), html(html, inline, writer)));
    }

    private static MimeEntity html(String html, List<Attachment> inline, MimeWriter writer)
            throws MessagingException {
        return withFiles(writer.text(html, "html"), "related", inline, writer);
    }

    /** The entity alone, or a {@code multipart/<subtype>} of it followed by the files. */
    private static MimeEntity withFiles(MimeEntity first, String subtype, List<Attachment> files, MimeWriter writer)
            throws MessagingException {
        if (files.isEmpty()) {
            return first;
        }
        List<MimeEntity> parts = new ArrayList<>(files.size() + 1);
        parts.add(first);
        for (Attachment file : files) {
            parts.add(writer.file(file));
        }
        return writer.multipart(subtype, parts);
    }

    /**
     * The header value encoded (RFC 2047) where it is not ASCII and folded at white space; a value with a run
     * that folding cannot bring under the 998-octet line limit is sent as base64 encoded words instead, so no
     * header line ever exceeds the limit.
     */
    private static String encodeHeader(String name, String value, EncodedWords words) {
        String folded = MimeUtility.fold(name.length() + 2, words.text(value));
        return fitsLineLimit(name.length() + 2, folded) ? folded : EncodedWords.foldedBase64(value);
    }

    /** Whether every line of a folded value is within the limit, the first after {@code used} characters. */
    private static boolean fitsLineLimit(int used, String folded) {
        int start = 0;
        int room = MimeWriter.MAX_LINE - used;
        while (true) {
            int end = folded.indexOf("\r\n", start);
            if ((end < 0 ? folded.length() : end) - start > room) {
                return false;
            }
            if (end < 0) {
                return true;
            }
            start = end + 2;
            room = MimeWriter.MAX_LINE;
        }
    }

    private static InternetAddress[] addresses(List<EmailAddress> list, EncodedWords words) {
        InternetAddress[] out = new InternetAddress[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = address(list.get(i), words);
        }
        return out;
    }

    /**
     * The mailbox with its display name encoded as {@code new InternetAddress(address, name, "UTF-8")} would;
     * a name too long for one line is written as folded base64 words.
     */
    private static InternetAddress address(EmailAddress address, EncodedWords words) {
        String name = address.displayName().orElse(null);
        InternetAddress mailbox = new Mailbox(address.asciiAddress(), name, name == null ? null : words.phrase(name));
        if (mailbox.toString().length() <= MAX_ADDRESS_LINE) {
            return mailbox;
        }
        return new Mailbox(address.asciiAddress(), name, EncodedWords.foldedBase64(name));
    }

    /** A mailbox whose display name is given already encoded. */
    private static final class Mailbox extends InternetAddress {
        private static final long serialVersionUID = 1L;

        Mailbox(String address, String name, String encodedName) {
            setAddress(address);
            this.personal = name;
            this.encodedPersonal = encodedName;
        }
    }

    private static InternetAddress bare(String address) {
        InternetAddress ia = new InternetAddress();
        ia.setAddress(address);
        return ia;
    }
}
