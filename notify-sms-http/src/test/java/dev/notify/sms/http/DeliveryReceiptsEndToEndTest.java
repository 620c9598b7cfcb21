package dev.notify.sms.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.DeliveryEvent;
import dev.notify.DeliveryState;
import dev.notify.DeliveryStatus;
import dev.notify.SendResult;
import dev.notify.message.SmsMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.FileJournal;
import dev.notify.outbox.OutboxState;
import dev.notify.sms.passcodes.SmsPasscodes;
import dev.notify.testkit.sms.InfobipServerExtension;
import dev.notify.testkit.sms.SentSms;
import dev.notify.testkit.sms.SmsServiceExtension;
import dev.notify.testkit.sms.StatusCallback;
import dev.notify.testkit.sms.StatusCallbacks;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.testkit.sms.VonageServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per service: a passcode is sent through the stub with {@code sms.receipts.public-base-url} set, the stub calls the
 * host's endpoint back with its statuses up to delivered, and the status and the send listener see it; forged and
 * replayed callbacks change nothing.
 */
class DeliveryReceiptsEndToEndTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();
    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();
    @RegisterExtension
    static final InfobipServerExtension infobip = InfobipServerExtension.create();

    private static SmsServiceExtension stub(String id) {
        return Map.<String, SmsServiceExtension>of("twilio", twilio, "vonage", vonage, "infobip", infobip).get(id);
    }

    private static SendResult sendPasscode(ReceiptHost host) {
        return SmsPasscodes.of(host.notifier).sendGlobal("+1 (555) 010-1234", "424242", Duration.ofMinutes(10));
    }

    @TempDir
    Path journal;

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "vonage", "infobip"})
    void aPasscodeFromTheOutboxIsReportedDeliveredAndTheOutboxAndTheListenerSeeIt(String id) throws Exception {
        SmsServiceExtension stub = stub(id);
        try (ReceiptHost host = new ReceiptHost(stub, CLOCK, 2);
                DurableOutbox outbox = DurableOutbox.builder(host.notifier).journal(FileJournal.in(journal)).build()) {
            String entry = outbox.global().enqueueSms(SmsMessage.of("+1 (555) 010-1234",
                    SmsPasscodes.of(host.notifier).text("424242", Duration.ofMinutes(10))));
            assertThat(host.sent.await(30, TimeUnit.SECONDS)).as("the outbox sent the passcode").isTrue();
            SentSms sms = stub.messages().get(0);

            List<Integer> answers = stub.statusCallbacks(sms).signedAt(NOW).send();

            assertThat(answers).containsOnly(200);
            assertThat(host.notifier.deliveries().find(sms.messageId()))
                    .map(DeliveryState::status).contains(DeliveryStatus.DELIVERED);
            assertThat(host.deliveries).last().satisfies(event -> {
                assertThat(event.status()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(event.messageId()).isEqualTo(sms.messageId());
                assertThat(event.receipt().providerId()).isEqualTo(id);
            });
            assertThat(outbox.find(entry)).hasValueSatisfying(e -> {
                assertThat(e.state()).isEqualTo(OutboxState.ACCEPTED);
                assertThat(e.delivery()).contains(DeliveryStatus.DELIVERED);
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "vonage", "infobip"})
    void aPasscodeSentDirectlyCanBeLookedUpByTheIdOfItsSend(String id) {
        SmsServiceExtension stub = stub(id);
        try (ReceiptHost host = new ReceiptHost(stub, CLOCK, 2)) {
            SendResult result = sendPasscode(host);

            stub.statusCallbacks(stub.messages().get(0)).signedAt(NOW).send();

            assertThat(host.notifier.deliveries().find(result.messageId().orElseThrow()))
                    .map(DeliveryState::status).contains(DeliveryStatus.DELIVERED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "vonage", "infobip"})
    void forgedCallbacksAreRefusedCountedAndNeverApplied(String id) {
        SmsServiceExtension stub = stub(id);
        try (ReceiptHost host = new ReceiptHost(stub, CLOCK, 2)) {
            SendResult result = sendPasscode(host);

            List<Integer> answers = stub.statusCallbacks(stub.messages().get(0)).signedAt(NOW).forged().send();

            assertThat(answers).containsOnly(403);
            assertThat(host.notifier.deliveries().find(result.messageId().orElseThrow()))
                    .map(DeliveryState::status).contains(DeliveryStatus.QUEUED);
            assertThat(host.deliveries).isEmpty();
            assertThat(host.handler.counts().refused()).isEqualTo(answers.size());
            assertThat(host.notifier.deliveries().counts().refused()).isEqualTo(answers.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "vonage", "infobip"})
    void aReplayedCallbackIsNotAppliedAgain(String id) {
        SmsServiceExtension stub = stub(id);
        try (ReceiptHost host = new ReceiptHost(stub, CLOCK, 2)) {
            sendPasscode(host);
            List<StatusCallback> callbacks = stub.statusCallbacks(stub.messages().get(0)).signedAt(NOW).build();
            callbacks.forEach(StatusCallbacks::send);

            List<Integer> again = callbacks.stream().map(StatusCallbacks::send).toList();

            assertThat(again).containsOnly(200);
            assertThat(host.deliveries).extracting(DeliveryEvent::status).doesNotHaveDuplicates();
            assertThat(host.handler.counts().verified()).isEqualTo(callbacks.size());
            assertThat(host.handler.counts().repeated()).isEqualTo(callbacks.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vonage"})
    void aVonageReceiptSignedAnHourAgoIsRefusedAsAReplay(String id) {
        SmsServiceExtension stub = stub(id);
        try (ReceiptHost host = new ReceiptHost(stub, CLOCK, 2)) {
            sendPasscode(host);

            List<Integer> answers = stub.statusCallbacks(stub.messages().get(0)).signedAt(NOW.minusSeconds(3600))
                    .send();
            List<Integer> messagesApi = stub.statusCallbacks(stub.messages().get(0)).messagesApi()
                    .statuses("delivered").signedAt(NOW.minusSeconds(3600)).send();

            assertThat(answers).containsOnly(403);
            assertThat(messagesApi).containsOnly(403);
            assertThat(host.deliveries).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vonage"})
    void vonageMessagesApiStatusWithItsJwtIsApplied(String id) {
        SmsServiceExtension stub = stub(id);
        try (ReceiptHost host = new ReceiptHost(stub, CLOCK, 2)) {
            SendResult result = sendPasscode(host);

            List<Integer> answers = stub.statusCallbacks(stub.messages().get(0)).messagesApi()
                    .statuses("submitted", "undeliverable").errorCode("1320").signedAt(NOW).send();

            assertThat(answers).containsOnly(200);
            assertThat(host.notifier.deliveries().find(result.messageId().orElseThrow())).hasValueSatisfying(s -> {
                assertThat(s.status()).isEqualTo(DeliveryStatus.UNDELIVERED);
                assertThat(s.errorCode()).contains("1320");
            });
        }
    }
}
