package dev.notify.outbox.internal.jdbc;

import dev.notify.Channel;
import dev.notify.DeliveryStatus;
import dev.notify.FailureClass;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.internal.EntryCodec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Entries to and from the journal's rows: the columns every entry query selects, binding and reading them. */
final class Rows {

    /** The columns only finished entries have, for a query of the queue. */
    static final String NO_RECEIPTS = "NULL::varchar AS delivery, NULL::varchar AS service_message_id";
    /** The columns of an entry, in the order {@link #entry} reads them, as the queue table has them. */
    static final String QUEUE_ENTRY = "id, server_id, channel, message_id, state, enqueued_at, queued_since, attempts, "
            + "next_attempt_at, failure_class, reason, recipients, NULL::timestamptz AS finished_at, "
            + "NULL::timestamptz AS keep_until, " + NO_RECEIPTS;
    /** The same columns as the table of finished entries has them. */
    static final String DONE_ENTRY = "id, server_id, channel, message_id, state, enqueued_at, queued_since, attempts, "
            + "NULL::timestamptz AS next_attempt_at, failure_class, reason, recipients, finished_at, keep_until, "
            + "delivery, service_message_id";

    private Rows() {
    }

    static OutboxEntry entry(ResultSet r) throws SQLException {
        EntryCodec.Recipients recipients = EntryCodec.decodeRecipients(r.getBytes("recipients"));
        return new OutboxEntry(r.getString("id"), Optional.ofNullable(r.getString("server_id")),
                Channel.valueOf(r.getString("channel")), r.getString("message_id"),
                OutboxState.valueOf(r.getString("state")), time(r, "enqueued_at").orElseThrow(),
                time(r, "queued_since").orElseThrow(), r.getInt("attempts"), time(r, "next_attempt_at"),
                Optional.ofNullable(r.getString("failure_class")).map(FailureClass::valueOf),
                Optional.ofNullable(r.getString("reason")), recipients.accepted(), recipients.rejected(),
                time(r, "finished_at"), time(r, "keep_until"),
                Optional.ofNullable(r.getString("delivery")).map(DeliveryStatus::valueOf),
                Optional.ofNullable(r.getString("service_message_id")));
    }

    static Optional<Instant> time(ResultSet r, String column) throws SQLException {
        return Optional.ofNullable(r.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    static Optional<Instant> time(ResultSet r, int column) throws SQLException {
        return Optional.ofNullable(r.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    static void setTime(PreparedStatement s, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            s.setObject(index, value.get().atOffset(ZoneOffset.UTC));
        } else {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    static void setTime(PreparedStatement s, int index, Instant value) throws SQLException {
        s.setObject(index, value.atOffset(ZoneOffset.UTC));
    }

    /** {@code count} rows of {@code row} (a parenthesised list of placeholders), separated by commas. */
    static String rows(int count, String row) {
        return IntStream.range(0, count).mapToObj(i -> row).collect(Collectors.joining(", "));
    }

    static String placeholders(int count) {
        return rows(count, "?");
    }
}
