package dev.notify.sms.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.DeliveryStatus;
import dev.notify.message.SmsMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.FileJournal;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.spi.Journal;
import dev.notify.testkit.sms.TwilioServerExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receipt can arrive while the outbox is still making the SMS's outcome durable (the service answered the send and
 * called back within one fsync): the journal has no final entry to put the status on yet. The status is kept and
 * recorded once the outcome is durable.
 */
class ReceiptBeforeOutcomeIsDurableTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();

    @TempDir
    Path directory;

    @Test
    void aReceiptThatCameBeforeTheOutcomeWasDurableIsRecordedOnceItIs() throws Exception {
        CountDownLatch recording = new CountDownLatch(1);
        CountDownLatch mayRecord = new CountDownLatch(1);
        Journal file = FileJournal.in(directory);
        Journal slowToRecord = (Journal) Proxy.newProxyInstance(Journal.class.getClassLoader(),
                new Class<?>[] {Journal.class}, (proxy, method, args) -> {
                    if (method.getName().equals("update") && args[0] instanceof List<?>) {
                        recording.countDown();
                        mayRecord.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(file, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (ReceiptHost host = new ReceiptHost(twilio, CLOCK, 2);
                DurableOutbox outbox = DurableOutbox.builder(host.notifier).journal(slowToRecord).build()) {
            String entry = outbox.global().enqueueSms(SmsMessage.of("+1 (555) 010-1234", "passcode 424242"));
            assertThat(recording.await(30, TimeUnit.SECONDS)).as("the outbox is recording the outcome").isTrue();

            assertThat(twilio.statusCallbacks(twilio.messages().get(0)).signedAt(NOW).send()).containsOnly(200);
            assertThat(outbox.find(entry).orElseThrow().delivery()).as("no final entry yet").isEmpty();
            mayRecord.countDown();

            assertThat(host.sent.await(30, TimeUnit.SECONDS)).as("the outcome is durable").isTrue();
            assertThat(outbox.find(entry)).hasValueSatisfying(e -> {
                assertThat(e.state()).isEqualTo(OutboxState.ACCEPTED);
                assertThat(e.delivery()).contains(DeliveryStatus.DELIVERED);
            });
        } finally {
            mayRecord.countDown();
        }
    }
}
