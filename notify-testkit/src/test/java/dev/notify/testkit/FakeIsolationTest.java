package dev.notify.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Notifiers built and used at the same time, each from its own thread, never see each other's messages. */
class FakeIsolationTest {

    private static final int NOTIFIERS = 4;
    private static final int MESSAGES = 200;

    @Test
    void concurrentNotifiersEachSeeExactlyTheirOwnMessages() throws Exception {
        CyclicBarrier start = new CyclicBarrier(NOTIFIERS);
        ExecutorService pool = Executors.newFixedThreadPool(NOTIFIERS);
        List<Future<Outbox>> outboxes = new ArrayList<>();
        try {
            for (int n = 0; n < NOTIFIERS; n++) {
                String tag = "notifier-" + n;
                outboxes.add(pool.submit(() -> sendAll(tag, start)));
            }
            for (int n = 0; n < NOTIFIERS; n++) {
                Outbox outbox = outboxes.get(n).get(30, TimeUnit.SECONDS);
                String tag = "notifier-" + n;

                assertThat(outbox.emails()).hasSize(MESSAGES)
                        .allSatisfy(m -> assertThat(m.subject()).startsWith(tag + " "));
                assertThat(outbox.sms()).hasSize(MESSAGES)
                        .allSatisfy(m -> assertThat(m.text()).startsWith(tag + " "));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outbox sendAll(String tag, CyclicBarrier start) throws Exception {
        try (Notifier notifier = FakeSettings.discoveredNotifier()) {
            start.await(10, TimeUnit.SECONDS);
            for (int i = 0; i < MESSAGES; i++) {
                notifier.global().sendEmail(EmailMessage.builder().to("a@example.com").subject(tag + " " + i)
                        .text("hello").build());
                notifier.global().sendSms(SmsMessage.of("+15550101234", tag + " " + i));
            }
            return Outbox.of(notifier);
        }
    }
}
