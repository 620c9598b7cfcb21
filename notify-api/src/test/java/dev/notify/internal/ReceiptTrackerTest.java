package dev.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.DeliveryEvent;
import dev.notify.DeliveryReceipt;
import dev.notify.DeliveryState;
import dev.notify.DeliveryStatus;
import dev.notify.DeliveryTracker.Outcome;
import dev.notify.SendListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ReceiptTrackerTest {

    private Instant now = Instant.parse("2026-12-07T06:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
    private final ReceiptTracker tracker = new ReceiptTracker(clock, new Listeners(List.of(new SendListener() {
        @Override
        public void onEvent(dev.notify.SendEvent event) {
        }

        @Override
        public void onDelivery(DeliveryEvent event) {
            events.add(event);
        }
    })), 3, 2);

    private static DeliveryReceipt receipt(String id, DeliveryStatus status) {
        return DeliveryReceipt.of("p", id, status, status.name().toLowerCase());
    }

    @Test
    void statusesMoveForwardOnlyAndTheListenerSeesEachMoveOnce() {
        tracker.sent("SM1", "<m1@notify>", "eu-1", "p");

        assertThat(tracker.apply(receipt("SM1", DeliveryStatus.DELIVERED))).isEqualTo(Outcome.APPLIED);
        assertThat(tracker.apply(receipt("SM1", DeliveryStatus.SENT))).isEqualTo(Outcome.STALE);
        assertThat(tracker.apply(receipt("SM1", DeliveryStatus.DELIVERED))).isEqualTo(Outcome.DUPLICATE);
        assertThat(tracker.apply(receipt("SM1", DeliveryStatus.FAILED))).isEqualTo(Outcome.STALE);

        assertThat(tracker.find("SM1")).map(DeliveryState::status).contains(DeliveryStatus.DELIVERED);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.previous()).contains(DeliveryStatus.QUEUED);
            assertThat(e.serverId()).contains("eu-1");
            assertThat(e.smsMessageId()).contains("<m1@notify>");
        });
    }

    @Test
    void deduplicatesOnIdAndStatusNotOnIdAlone() {
        tracker.sent("SM1", null, null, "p");

        assertThat(tracker.apply(receipt("SM1", DeliveryStatus.SENT))).isEqualTo(Outcome.APPLIED);
        assertThat(tracker.apply(receipt("SM1", DeliveryStatus.DELIVERED))).isEqualTo(Outcome.APPLIED);

        assertThat(events).extracting(DeliveryEvent::status).containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
    }

    @Test
    void aReceiptBeforeTheSendRecordedItsIdIsAppliedWhenItDoes() {
        assertThat(tracker.apply(receipt("SM9", DeliveryStatus.DELIVERED))).isEqualTo(Outcome.PENDING);
        assertThat(tracker.find("SM9")).isEmpty();

        tracker.sent("SM9", null, null, "p");

        assertThat(tracker.find("SM9")).map(DeliveryState::status).contains(DeliveryStatus.DELIVERED);
        assertThat(tracker.counts().applied()).isEqualTo(1);
    }

    @Test
    void earlyReceiptsAreKeptBrieflyByTheClockAndBounded() {
        tracker.apply(receipt("SM1", DeliveryStatus.SENT));
        now = now.plus(Duration.ofMinutes(11));
        tracker.apply(receipt("SM2", DeliveryStatus.SENT));
        tracker.apply(receipt("SM3", DeliveryStatus.SENT));
        tracker.apply(receipt("SM4", DeliveryStatus.SENT));

        tracker.sent("SM1", null, null, "p");
        tracker.sent("SM2", null, null, "p");

        assertThat(tracker.find("SM1")).map(DeliveryState::status).contains(DeliveryStatus.QUEUED);
        assertThat(tracker.find("SM2")).map(DeliveryState::status).contains(DeliveryStatus.QUEUED);
        assertThat(tracker.counts().dropped()).isEqualTo(2);
    }

    @Test
    void statusesAreForgottenBeyondTheBoundOldestFirst() {
        for (int i = 1; i <= 4; i++) {
            tracker.sent("SM" + i, null, null, "p");
        }

        assertThat(tracker.find("SM1")).isEmpty();
        assertThat(tracker.find("SM4")).isPresent();
    }

    @Test
    void eachPartOfAMultiPartIdFindsTheMessage() {
        tracker.sent("a1,a2", null, null, "p");

        tracker.apply(receipt("a2", DeliveryStatus.DELIVERED));

        assertThat(tracker.find("a1,a2")).map(DeliveryState::status).contains(DeliveryStatus.DELIVERED);
    }

    @Test
    void aReceiptForAnIdSentBeforeARestartIsAppliedToTheStateALookupRemembersForwardOnly() throws Exception {
        List<String> lookedUp = new CopyOnWriteArrayList<>();
        AutoCloseable lookup = tracker.addLookup(r -> {
            lookedUp.add(r.messageId());
            return r.messageId().equals("SM-old") ? java.util.Optional.of(new DeliveryState("SM-old",
                    java.util.Optional.of("eu-1"), r.providerId(), java.util.Optional.of("<old@notify>"),
                    DeliveryStatus.SENT, java.util.Optional.empty(), now)) : java.util.Optional.empty();
        });

        assertThat(tracker.apply(receipt("SM-old", DeliveryStatus.SENT))).isEqualTo(Outcome.DUPLICATE);
        assertThat(tracker.apply(receipt("SM-old", DeliveryStatus.DELIVERED))).isEqualTo(Outcome.APPLIED);
        assertThat(tracker.apply(receipt("SM-old", DeliveryStatus.FAILED))).isEqualTo(Outcome.STALE);
        assertThat(tracker.apply(receipt("SM-new", DeliveryStatus.DELIVERED))).isEqualTo(Outcome.PENDING);

        assertThat(lookedUp).containsExactly("SM-old", "SM-new");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.previous()).contains(DeliveryStatus.SENT);
            assertThat(e.smsMessageId()).contains("<old@notify>");
            assertThat(e.serverId()).contains("eu-1");
        });
        lookup.close();
        tracker.apply(receipt("SM-other", DeliveryStatus.SENT));
        assertThat(lookedUp).hasSize(2);
    }

    @Test
    void aFailingLookupCountsAsUnknown() {
        tracker.addLookup(r -> {
            throw new IllegalStateException("database down");
        });

        assertThat(tracker.apply(receipt("SM1", DeliveryStatus.SENT))).isEqualTo(Outcome.PENDING);
    }
}
