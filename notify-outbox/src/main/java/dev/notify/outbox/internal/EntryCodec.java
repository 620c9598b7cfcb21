package dev.notify.outbox.internal;

import dev.notify.Channel;
import dev.notify.DeliveryStatus;
import dev.notify.FailureClass;
import dev.notify.RejectedRecipient;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journalled form of an {@link OutboxEntry} (the file journal's records) and of its recipients' outcomes (a
 * column of the JDBC journal), each starting with its format version. Enum values are stored by name, so adding
 * one never changes what an old journal means.
 */
public final class EntryCodec {

    /** The version this code writes. */
    public static final int VERSION = 3;

    private EntryCodec() {
    }

    public static byte[] encode(OutboxEntry e) {
        BinaryWriter w = new BinaryWriter().writeByte(VERSION);
        w.writeString(e.id());
        w.writeOptional(e.serverId());
        w.writeString(e.channel().name());
        w.writeString(e.messageId());
        w.writeString(e.state().name());
        w.writeInstant(e.enqueuedAt());
        w.writeInstant(e.queuedSince());
        w.writeInt(e.attempts());
        w.writeOptionalInstant(e.nextAttemptAt());
        w.writeOptional(e.failureClass().map(Enum::name));
        w.writeOptional(e.reason());
        recipients(w, e.accepted(), e.rejected());
        w.writeOptionalInstant(e.finishedAt());
        w.writeOptionalInstant(e.keepUntil());
        w.writeOptional(e.delivery().map(Enum::name));
        w.writeOptional(e.serviceMessageId());
        return w.toByteArray();
    }

    /** @throws CorruptRecordException when the bytes are not an entry of a version this code reads */
    public static OutboxEntry decode(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes);
        int version = version(r, "entry");
        try {
            OutboxEntry entry = new OutboxEntry(r.readString(), r.readOptional(), Channel.valueOf(r.readString()),
                    r.readString(), OutboxState.valueOf(r.readString()), r.readInstant(), r.readInstant(),
                    r.readInt(), r.readOptionalInstant(), r.readOptional().map(FailureClass::valueOf),
                    r.readOptional(), r.readStrings(), rejected(r), r.readOptionalInstant(), r.readOptionalInstant(),
                    version >= 2 ? r.readOptional().map(DeliveryStatus::valueOf) : Optional.empty(),
                    version >= 3 ? r.readOptional() : Optional.empty());
            r.requireEnd();
            return entry;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CorruptRecordException("an entry that does not hold together: " + e.getMessage());
        }
    }

    /** The accepted and the refused recipients, for a journal that keeps the rest of an entry in columns. */
    public static byte[] encodeRecipients(List<String> accepted, List<RejectedRecipient> rejected) {
        BinaryWriter w = new BinaryWriter().writeByte(VERSION);
        recipients(w, accepted, rejected);
        return w.toByteArray();
    }

    /** What {@link #encodeRecipients} wrote: the accepted addresses, then the refused recipients. */
    public record Recipients(List<String> accepted, List<RejectedRecipient> rejected) {
    }

    public static Recipients decodeRecipients(byte[] bytes) {
        BinaryReader r = new BinaryReader(bytes);
        version(r, "recipients record");
        Recipients recipients = new Recipients(r.readStrings(), rejected(r));
        r.requireEnd();
        return recipients;
    }

    private static void recipients(BinaryWriter w, List<String> accepted, List<RejectedRecipient> rejected) {
        w.writeStrings(accepted);
        w.writeInt(rejected.size());
        for (RejectedRecipient r : rejected) {
            w.writeString(r.address()).writeInt(r.replyCode()).writeString(r.reason()).writeByte(r.transientFailure() ? 1 : 0);
        }
    }

    private static List<RejectedRecipient> rejected(BinaryReader r) {
        int count = r.readInt();
        if (count < 0 || count > 1_000_000) {
            throw new CorruptRecordException("a count of " + count);
        }
        List<RejectedRecipient> rejected = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rejected.add(new RejectedRecipient(r.readString(), r.readInt(), r.readString(), r.flag()));
        }
        return rejected;
    }

    private static int version(BinaryReader r, String what) {
        int version = r.readByte();
        if (version < 1 || version > VERSION) {
            throw new CorruptRecordException("an " + what + " of format version " + version + "; this notify reads "
                    + "versions 1 to " + VERSION + (version > VERSION ? ": it was written by a newer notify" : ""));
        }
        return version;
    }
}
