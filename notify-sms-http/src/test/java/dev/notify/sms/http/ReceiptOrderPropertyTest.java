package dev.notify.sms.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.DeliveryEvent;
import dev.notify.DeliveryState;
import dev.notify.DeliveryStatus;
import dev.notify.message.SmsMessage;
import dev.notify.testkit.sms.SentSms;
import dev.notify.testkit.sms.StatusCallback;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.web.WebRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000 SMS, each with up to 10 status callbacks drawn from Twilio's order, duplicated and shuffled across all
 * messages, through the receipt endpoint from four threads: no status ever moves back, and each message ends at the
 * last status of its callbacks in Twilio's order.
 */
class ReceiptOrderPropertyTest {

    private static final int MESSAGES = 10_000;
    private static final int MAX_CALLBACKS = 10;
    private static final List<String> PATH = List.of("queued", "sending", "sent");
    private static final List<String> FINALS = List.of("delivered", "undelivered", "failed");
    private static final Map<String, DeliveryStatus> STATUS = Map.of("queued", DeliveryStatus.QUEUED,
            "sending", DeliveryStatus.SENT, "sent", DeliveryStatus.SENT, "delivered", DeliveryStatus.DELIVERED,
            "undelivered", DeliveryStatus.UNDELIVERED, "failed", DeliveryStatus.FAILED);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T06:45:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();

    @Test
    void noStatusMovesBackAndEachEndsAtTheLastInTwiliosOrder() throws Exception {
        long seed = Long.getLong("receipts.seed", 20261207L);
        System.out.println("ReceiptOrderPropertyTest seed " + seed + " (rerun with -Dreceipts.seed=" + seed + ")");
        Random random = new Random(seed);
        try (ReceiptHost host = new ReceiptHost(twilio, CLOCK, 4)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> sends = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    String number = "+1555" + String.format("%07d", i);
                    sends.add(pool.submit(() -> host.notifier.global().sendSms(SmsMessage.of(number, "Code 424242"))));
                }
                for (Future<?> send : sends) {
                    send.get();
                }
                Map<String, DeliveryStatus> expected = new HashMap<>();
                List<StatusCallback> callbacks = new ArrayList<>();
                for (SentSms sms : twilio.messages()) {
                    List<String> statuses = statuses(random);
                    expected.put(sms.messageId(), STATUS.get(statuses.get(statuses.size() - 1)));
                    List<StatusCallback> built = twilio.statusCallbacks(sms).statuses(statuses.toArray(String[]::new))
                            .build();
                    List<StatusCallback> mine = new ArrayList<>(built);
                    while (mine.size() < 1 + random.nextInt(MAX_CALLBACKS) || mine.size() < built.size()) {
                        mine.add(built.get(random.nextInt(built.size())));
                    }
                    callbacks.addAll(mine.subList(0, Math.min(mine.size(), MAX_CALLBACKS)));
                }
                Collections.shuffle(callbacks, random);

                AtomicInteger notOk = new AtomicInteger();
                List<Future<?>> posts = new ArrayList<>();
                int slice = (callbacks.size() + 3) / 4;
                for (int t = 0; t < 4; t++) {
                    List<StatusCallback> part = callbacks.subList(Math.min(callbacks.size(), t * slice),
                            Math.min(callbacks.size(), (t + 1) * slice));
                    posts.add(pool.submit(() -> part.forEach(c -> {
                        if (host.handler.handle(request(c)).status() != 200) {
                            notOk.incrementAndGet();
                        }
                    })));
                }
                for (Future<?> post : posts) {
                    post.get();
                }

                assertThat(twilio.messages()).hasSize(MESSAGES);
                assertThat(notOk.get()).isZero();
                assertThat(backwardMoves(host.deliveries)).isZero();
                Map<String, DeliveryStatus> actual = new HashMap<>();
                expected.keySet().forEach(id -> actual.put(id, host.notifier.deliveries().find(id)
                        .map(DeliveryState::status).orElse(null)));
                assertThat(actual).isEqualTo(expected);
                System.out.println("ReceiptOrderPropertyTest: " + callbacks.size() + " callbacks, "
                        + host.deliveries.size() + " moves, " + host.handler.counts() + ", "
                        + host.notifier.deliveries().counts());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A message's statuses in Twilio's order: a prefix of queued, sending, sent, and sometimes a final one. */
    private static List<String> statuses(Random random) {
        List<String> statuses = new ArrayList<>();
        for (String step : PATH) {
            if (random.nextBoolean()) {
                statuses.add(step);
            }
        }
        if (statuses.isEmpty() || random.nextInt(4) > 0) {
            statuses.add(FINALS.get(random.nextInt(FINALS.size())));
        }
        return statuses;
    }

    /** Moves to a status not later than the one before, per message; the events of one message come in order. */
    private static long backwardMoves(List<DeliveryEvent> events) {
        Map<String, DeliveryStatus> last = new HashMap<>();
        long backward = 0;
        for (DeliveryEvent event : events) {
            DeliveryStatus before = last.put(event.messageId(), event.status());
            DeliveryStatus previous = event.previous().orElse(DeliveryStatus.QUEUED);
            if ((before != null && !event.status().movesOn(before)) || !event.status().movesOn(previous)) {
                backward++;
            }
        }
        return backward;
    }

    private static WebRequest request(StatusCallback callback) {
        WebRequest.Builder request = WebRequest.builder(callback.method(), callback.url().getPath())
                .rawQuery(callback.url().getRawQuery()).body(callback.body()).remoteAddress("127.0.0.1");
        callback.headers().forEach(request::header);
        return request.build();
    }
}
