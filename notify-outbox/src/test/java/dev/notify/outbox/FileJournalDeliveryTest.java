package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.DeliveryStatus;
import dev.notify.outbox.spi.Journal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file journal records an accepted SMS's delivery status durably, forward only. */
class FileJournalDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-07T07:00:00Z");

    @TempDir
    Path directory;

    @Test
    void deliveryStatusOfAnAcceptedEntryMovesForwardOnlyAndSurvivesAReopen() {
        try (Journal journal = FileJournal.in(directory)) {
            journal.append(OutboxEntry.pending("e1", Optional.empty(), Channel.SMS, "<m1@notify>", NOW),
                    "content".getBytes(StandardCharsets.UTF_8));
            assertThat(journal.recordDelivery("e1", DeliveryStatus.SENT)).as("not final yet").isFalse();
            OutboxEntry claimed = journal.claimDue(NOW, 1).get(0).entry();
            journal.update(claimed.finished(OutboxState.ACCEPTED, 1, Optional.empty(), Optional.empty(),
                    List.of("+15550101234"), List.of(), NOW, NOW.plusSeconds(86_400)), null);

            assertThat(journal.recordDelivery("e1", DeliveryStatus.SENT)).isTrue();
            assertThat(journal.recordDelivery("e1", DeliveryStatus.DELIVERED)).isTrue();
            assertThat(journal.recordDelivery("e1", DeliveryStatus.SENT)).isFalse();
            assertThat(journal.recordDelivery("unknown", DeliveryStatus.DELIVERED)).isFalse();
        }

        try (Journal reopened = FileJournal.in(directory)) {
            assertThat(reopened.find("e1")).hasValueSatisfying(e -> {
                assertThat(e.state()).isEqualTo(OutboxState.ACCEPTED);
                assertThat(e.delivery()).contains(DeliveryStatus.DELIVERED);
            });
        }
    }
}
