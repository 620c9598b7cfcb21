package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.DeliveryStatus;
import dev.notify.FailureClass;
import dev.notify.RejectedRecipient;
import dev.notify.outbox.spi.Journal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Journal} does; each implementation's test extends this. */
abstract class JournalContractTest {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    Journal journal;

    /** A new, empty journal. */
    abstract Journal open();

    /** Closes {@link #journal} and opens it again on the same files or tables, as a restarted process would. */
    abstract Journal reopen();

    @BeforeEach
    void openJournal() {
        journal = open();
    }

    @AfterEach
    void closeJournal() {
        journal.close();
    }

    static OutboxEntry pending(String id, Instant due) {
        return OutboxEntry.pending(id, Optional.of("eu-1"), Channel.EMAIL, "<" + id + "@example.com>", due);
    }

    static OutboxEntry pendingSms(String id, Instant due) {
        return OutboxEntry.pending(id, Optional.of("eu-1"), Channel.SMS, "<" + id + "@sms.example.com>", due);
    }

    /** Appends, claims and records the SMS as accepted by its service under {@code serviceMessageId}. */
    OutboxEntry acceptedSms(String id, String serviceMessageId) {
        OutboxEntry entry = pendingSms(id, NOW);
        journal.append(entry, content("passcode"));
        journal.claimDue(NOW, 1);
        OutboxEntry accepted = entry.finished(OutboxState.ACCEPTED, 1, Optional.empty(), Optional.empty(),
                List.of("+15550101234"), List.of(), NOW, NOW.plus(Duration.ofDays(3)))
                .withServiceMessageId(serviceMessageId);
        assertThat(journal.update(accepted, null)).isTrue();
        return accepted;
    }

    static byte[] content(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appendedEntryIsFoundAndClaimedWithItsContentWhenDue() {
        journal.append(pending("a", NOW.plusSeconds(10)), content("hello"));

        assertThat(journal.find("a")).hasValueSatisfying(e -> {
            assertThat(e.state()).isEqualTo(OutboxState.PENDING);
            assertThat(e.serverId()).contains("eu-1");
            assertThat(e.messageId()).isEqualTo("<a@example.com>");
        });
        assertThat(journal.claimDue(NOW, 10)).isEmpty();
        assertThat(journal.nextDue()).contains(NOW.plusSeconds(10));
        assertThat(journal.claimDue(NOW.plusSeconds(10), 10)).singleElement().satisfies(c -> {
            assertThat(c.entry().id()).isEqualTo("a");
            assertThat(new String(c.message(), StandardCharsets.UTF_8)).isEqualTo("hello");
        });
    }

    @Test
    void claimsTheLongestDueFirstUpToMaxAndNeverTheSameTwice() {
        journal.append(pending("late", NOW.minusSeconds(1)), content("1"));
        journal.append(pending("early", NOW.minusSeconds(3)), content("2"));
        journal.append(pending("middle", NOW.minusSeconds(2)), content("3"));

        assertThat(journal.claimDue(NOW, 2)).extracting(c -> c.entry().id()).containsExactly("early", "middle");
        assertThat(journal.claimDue(NOW, 2)).extracting(c -> c.entry().id()).containsExactly("late");
        assertThat(journal.claimDue(NOW, 2)).isEmpty();
    }

    @Test
    void releasedEntryIsDueAgain() {
        journal.append(pending("a", NOW), content("x"));
        journal.claimDue(NOW, 1);

        journal.release("a");

        assertThat(journal.claimDue(NOW, 1)).hasSize(1);
    }

    @Test
    void updateRecordsTheNewStateEndsTheClaimAndReplacesTheContentWhenGiven() {
        OutboxEntry entry = pending("a", NOW);
        journal.append(entry, content("to two"));
        journal.claimDue(NOW, 1);
        OutboxEntry retrying = entry.retrying(1, NOW.plusSeconds(60), FailureClass.TRANSIENT, "451 later",
                List.of("x@example.com"), List.of(new RejectedRecipient("y@example.com", 550, "no such user", false)));

        assertThat(journal.update(retrying, content("to one"))).isTrue();

        assertThat(journal.find("a")).contains(retrying);
        assertThat(journal.claimDue(NOW.plusSeconds(59), 1)).isEmpty();
        assertThat(journal.claimDue(NOW.plusSeconds(60), 1)).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo(content("to one")));
    }

    @Test
    void updateOfAnEntryThatIsNotClaimedChangesNothing() {
        OutboxEntry entry = pending("a", NOW);
        journal.append(entry, content("x"));

        boolean updated = journal.update(entry.finished(OutboxState.ACCEPTED, 1, Optional.empty(), Optional.empty(),
                List.of("x@example.com"), List.of(), NOW, NOW.plusSeconds(60)), null);

        assertThat(updated).isFalse();
        assertThat(journal.find("a").orElseThrow().state()).isEqualTo(OutboxState.PENDING);
    }

    @Test
    void failedEntryIsRequeuedAndPurged() {
        OutboxEntry entry = pending("a", NOW);
        journal.append(entry, content("x"));
        journal.append(pending("b", NOW), content("y"));
        journal.claimDue(NOW, 2);
        journal.update(failed(entry), null);
        journal.update(failed(pending("b", NOW)), null);

        assertThat(journal.requeue("a", NOW.plusSeconds(5))).isTrue();
        assertThat(journal.requeue("a", NOW.plusSeconds(5))).isFalse();

        assertThat(journal.find("a")).hasValueSatisfying(e -> {
            assertThat(e.state()).isEqualTo(OutboxState.PENDING);
            assertThat(e.queuedSince()).isEqualTo(NOW.plusSeconds(5));
        });
        assertThat(journal.claimDue(NOW.plusSeconds(5), 5)).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo(content("x")));
        assertThat(journal.purge(EnumSet.of(OutboxState.FAILED), Set.of())).isEqualTo(1);
        assertThat(journal.find("b")).isEmpty();
    }

    private static OutboxEntry failed(OutboxEntry entry) {
        return entry.finished(OutboxState.FAILED, 1, Optional.of(FailureClass.PERMANENT), Optional.of("554 no"),
                List.of(), List.of(), NOW, NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void countsListsAndExpiresByKeepUntil() {
        OutboxEntry done = pending("done", NOW.minusSeconds(2));
        journal.append(done, content("x"));
        journal.append(pending("waiting", NOW.minusSeconds(1)), content("y"));
        journal.claimDue(NOW.minusSeconds(2), 1);
        journal.update(done.finished(OutboxState.ACCEPTED, 1, Optional.empty(), Optional.empty(),
                List.of("x@example.com"), List.of(), NOW, NOW.plusSeconds(60)), null);

        assertThat(journal.counts()).containsEntry(OutboxState.ACCEPTED, 1L).containsEntry(OutboxState.PENDING, 1L)
                .containsEntry(OutboxState.FAILED, 0L).hasSize(OutboxState.values().length);
        assertThat(journal.list(EnumSet.allOf(OutboxState.class), 10)).extracting(OutboxEntry::id)
                .containsExactly("done", "waiting");

        journal.expire(NOW.plusSeconds(60));

        assertThat(journal.find("done")).isEmpty();
        assertThat(journal.find("waiting")).isPresent();
    }

    @Test
    void deliveryStatusOfAFinishedSmsMovesForwardOnlyAndIsKeptAcrossAReopen() {
        journal.append(pendingSms("waiting", NOW.plusSeconds(3600)), content("later"));
        acceptedSms("sms", "SM0001");

        assertThat(journal.recordDelivery("waiting", DeliveryStatus.SENT)).as("not final yet").isFalse();
        assertThat(journal.recordDelivery("sms", DeliveryStatus.SENT)).isTrue();
        assertThat(journal.recordDelivery("sms", DeliveryStatus.SENT)).as("a duplicate").isFalse();
        assertThat(journal.recordDelivery("sms", DeliveryStatus.UNDELIVERED)).isTrue();
        assertThat(journal.recordDelivery("sms", DeliveryStatus.QUEUED)).as("backwards").isFalse();
        assertThat(journal.recordDelivery("sms", DeliveryStatus.DELIVERED)).as("sideways, final to final").isFalse();
        assertThat(journal.recordDelivery("unknown", DeliveryStatus.DELIVERED)).isFalse();

        journal = reopen();

        assertThat(journal.find("sms")).hasValueSatisfying(e -> {
            assertThat(e.state()).isEqualTo(OutboxState.ACCEPTED);
            assertThat(e.delivery()).contains(DeliveryStatus.UNDELIVERED);
            assertThat(e.serviceMessageId()).contains("SM0001");
        });
        assertThat(journal.find("waiting").orElseThrow().delivery()).isEmpty();
        assertThat(journal.list(EnumSet.of(OutboxState.ACCEPTED), 10)).singleElement()
                .satisfies(e -> assertThat(e.delivery()).contains(DeliveryStatus.UNDELIVERED));
    }

    @Test
    void anSmsIsFoundByItsMessageIdAndByEachIdItsServiceGaveItAcrossAReopen() {
        journal.append(pendingSms("waiting", NOW.plusSeconds(3600)), content("later"));
        acceptedSms("whole", "SM0002");
        acceptedSms("parts", "part-1,part-2");

        journal = reopen();

        assertThat(journal.findByMessageId("<waiting@sms.example.com>")).map(OutboxEntry::id).contains("waiting");
        assertThat(journal.findByMessageId("<whole@sms.example.com>")).map(OutboxEntry::id).contains("whole");
        assertThat(journal.findByServiceMessageId("SM0002")).map(OutboxEntry::id).contains("whole");
        assertThat(journal.findByServiceMessageId("part-1")).map(OutboxEntry::id).contains("parts");
        assertThat(journal.findByServiceMessageId("part-2")).map(OutboxEntry::id).contains("parts");
        assertThat(journal.findByServiceMessageId("SM0003")).isEmpty();
        assertThat(journal.findByMessageId("<nobody@sms.example.com>")).isEmpty();

        assertThat(journal.purge(EnumSet.of(OutboxState.ACCEPTED), Set.of("whole"))).isEqualTo(1);
        assertThat(journal.findByServiceMessageId("SM0002")).isEmpty();
        assertThat(journal.findByMessageId("<whole@sms.example.com>")).isEmpty();
    }
}
