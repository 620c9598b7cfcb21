package dev.notify.outbox.internal;

import dev.notify.message.Attachment;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import java.util.List;
import java.util.Optional;

/**
 * The journalled form of a message: a format version, then every field of an {@link EmailMessage} (attachments and
 * inline parts included) or an {@link SmsMessage}. A reader of version n reads every version up to n; decoding
 * builds the message again, so what comes out passed the same validation as what went in.
 */
public final class MessageCodec {

    /** The version this code writes. */
    public static final int VERSION = 1;
    private static final int EMAIL = 1;
    private static final int SMS = 2;

    private MessageCodec() {
    }

    public static byte[] encode(Message message) {
        BinaryWriter w = new BinaryWriter(expectedSize(message)).writeByte(VERSION);
        if (message instanceof EmailMessage email) {
            w.writeByte(EMAIL);
            w.writeByte(email.from().isPresent() ? 1 : 0);
            email.from().ifPresent(a -> address(w, a));
            addresses(w, email.to());
            addresses(w, email.cc());
            addresses(w, email.bcc());
            addresses(w, email.replyTo());
            w.writeString(email.subject());
            w.writeOptional(email.text());
            w.writeOptional(email.html());
            w.writeInt(email.attachments().size());
            for (Attachment a : email.attachments()) {
                w.writeOptional(a.contentId());
                w.writeString(a.fileName());
                w.writeString(a.contentType());
                w.writeBytes(a.content());
            }
            w.writeInt(email.headers().size());
            email.headers().forEach((name, value) -> w.writeString(name).writeString(value));
            w.writeOptional(email.messageId());
        } else {
            SmsMessage sms = (SmsMessage) message;
            w.writeByte(SMS);
            w.writeString(sms.phoneNumber());
            w.writeString(sms.text());
            w.writeOptional(sms.messageId());
        }
        return w.toByteArray();
    }

    /** Enough for the message's texts in UTF-8 (up to 3 bytes a character) and its attachments. */
    private static int expectedSize(Message message) {
        long size = 512;
        if (message instanceof EmailMessage email) {
            size += 3L * (email.subject().length() + email.text().map(String::length).orElse(0)
                    + email.html().map(String::length).orElse(0));
            for (Attachment a : email.attachments()) {
                size += a.size() + 256;
            }
        } else {
            size += 3L * ((SmsMessage) message).text().length();
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 8);
    }

    /**
     * @throws CorruptRecordException when the bytes are not a message of a version this code reads
     */
    public static Message decode(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes);
        int version = r.readByte();
        if (version < 1 || version > VERSION) {
            throw new CorruptRecordException("a message of format version " + version + "; this notify reads "
                    + "versions 1 to " + VERSION + (version > VERSION ? ": it was written by a newer notify" : ""));
        }
        try {
            Message message = switch (r.readByte()) {
                case EMAIL -> email(r);
                case SMS -> sms(r);
                default -> throw new CorruptRecordException("an unknown kind of message");
            };
            r.requireEnd();
            return message;
        } catch (dev.notify.InvalidMessageException e) {
            throw new CorruptRecordException("a message that no longer validates: " + e.getMessage());
        }
    }

    private static EmailMessage email(BinaryReader r) {
        EmailMessage.Builder b = EmailMessage.builder();
        if (r.flag()) {
            b.from(address(r));
        }
        readAddresses(r).forEach(b::to);
        readAddresses(r).forEach(b::cc);
        readAddresses(r).forEach(b::bcc);
        readAddresses(r).forEach(b::replyTo);
        b.subject(r.readString());
        r.readOptional().ifPresent(b::text);
        r.readOptional().ifPresent(b::html);
        int attachments = count(r);
        for (int i = 0; i < attachments; i++) {
            Optional<String> contentId = r.readOptional();
            String fileName = r.readString();
            String contentType = r.readString();
            byte[] content = r.readBytes();
            b.attach(contentId.isPresent() ? Attachment.inline(contentId.get(), fileName, contentType, content)
                    : Attachment.of(fileName, contentType, content));
        }
        int headers = count(r);
        for (int i = 0; i < headers; i++) {
            b.header(r.readString(), r.readString());
        }
        r.readOptional().ifPresent(b::messageId);
        return b.build();
    }

    private static SmsMessage sms(BinaryReader r) {
        SmsMessage sms = SmsMessage.of(r.readString(), r.readString());
        Optional<String> id = r.readOptional();
        return id.isPresent() ? sms.withMessageId(id.get()) : sms;
    }

    private static void addresses(BinaryWriter w, List<EmailAddress> addresses) {
        w.writeInt(addresses.size());
        addresses.forEach(a -> address(w, a));
    }

    private static void address(BinaryWriter w, EmailAddress address) {
        w.writeOptional(address.displayName());
        w.writeString(address.address());
    }

    private static List<EmailAddress> readAddresses(BinaryReader r) {
        int count = count(r);
        EmailAddress[] addresses = new EmailAddress[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = address(r);
        }
        return List.of(addresses);
    }

    private static EmailAddress address(BinaryReader r) {
        Optional<String> name = r.readOptional();
        return EmailAddress.of(name.orElse(null), r.readString());
    }

    private static int count(BinaryReader r) {
        int count = r.readInt();
        if (count < 0 || count > 1_000_000) {
            throw new CorruptRecordException("a count of " + count);
        }
        return count;
    }
}
