package dev.notify.testkit;

import dev.notify.testkit.time.ManualScheduler;
import java.time.Instant;
import java.time.Clock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.DeliveryException;
import dev.notify.PermanentDeliveryException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeEmailProviderTest {

    private final List<EmailSender> senders = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    @AfterEach
    void closeSenders() {
        senders.forEach(EmailSender::close);
    }

    @Test
    void sendRecordsTheEmailAndAcceptsEveryRecipient() {
        FakeEmailProvider provider = new FakeEmailProvider();
        EmailMessage message = email("a@example.com", "b@example.com");

        Delivery delivery = sender(provider).send(message);

        assertThat(delivery.messageId()).isEqualTo(message.messageId().orElseThrow());
        assertThat(delivery.accepted()).containsExactly("a@example.com", "b@example.com");
        assertThat(provider.outbox().emails()).containsExactly(message);
        assertThat(provider.behaviour().attempts()).isEqualTo(1);
    }

    @Test
    void latencyDelaysEverySend() {
        FakeEmailProvider provider = FakeEmailProvider.builder().latency(Duration.ofMillis(150)).build();
        EmailSender sender = sender(provider);

        long start = System.nanoTime();
        sender.send(email("a@example.com"));
        sender.send(email("a@example.com"));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(provider.outbox().emails()).hasSize(2);
    }

    @Test
    void failNextTransientlyFailsThatManySendsThenSucceeds() {
        FakeEmailProvider provider = new FakeEmailProvider();
        provider.behaviour().failNextTransiently(2);
        EmailSender sender = sender(provider);

        TransientDeliveryException first = catchThrowableOfType(TransientDeliveryException.class,
                () -> sender.send(email("a@example.com")));
        TransientDeliveryException second = catchThrowableOfType(TransientDeliveryException.class,
                () -> sender.send(email("a@example.com")));
        EmailMessage third = email("a@example.com");
        sender.send(third);

        assertThat(first.replyCode()).hasValue(451);
        assertThat(second.replyCode()).hasValue(451);
        assertThat(provider.outbox().emails()).containsExactly(third);
        assertThat(provider.behaviour().attempts()).isEqualTo(3);
        assertThat(provider.behaviour().pendingFailures()).isZero();
    }

    @Test
    void failNextPermanentlyThrowsPermanentFailureAndRecordsNothing() {
        FakeEmailProvider provider = FakeEmailProvider.builder().failNextPermanently(1).build();

        assertThatThrownBy(() -> sender(provider).send(email("a@example.com")))
                .isInstanceOfSatisfying(PermanentDeliveryException.class,
                        e -> assertThat(e.replyCode()).hasValue(554));
        assertThat(provider.outbox().emails()).isEmpty();
    }

    @Test
    void queuedFailuresAreUsedInTheOrderQueued() {
        FakeEmailProvider provider = new FakeEmailProvider();
        provider.behaviour().failNextTransiently(1).failNextPermanently(1);
        EmailSender sender = sender(provider);

        assertThatThrownBy(() -> sender.send(email("a@example.com"))).isInstanceOf(TransientDeliveryException.class);
        assertThatThrownBy(() -> sender.send(email("a@example.com"))).isInstanceOf(PermanentDeliveryException.class);
        sender.send(email("a@example.com"));

        assertThat(provider.outbox().emails()).hasSize(1);
    }

    @Test
    void rejectedRecipientIsReportedAndTheEmailRecordedForTheOthersOnly() {
        FakeEmailProvider provider = FakeEmailProvider.builder().rejectRecipient("bob@example.com").build();
        EmailMessage message = EmailMessage.builder().from("noreply@example.com").to("alice@example.com")
                .cc("bob@example.com").subject("Hi").text("Hello").attach(dev.notify.message.Attachment.of(
                        "a.txt", "text/plain", new byte[] {1})).header("X-Ticket", "7").messageId("<m1@example.com>")
                .build();

        Delivery delivery = sender(provider).send(message);

        assertThat(delivery.accepted()).containsExactly("alice@example.com");
        assertThat(delivery.rejected()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("bob@example.com");
            assertThat(r.replyCode()).isEqualTo(550);
            assertThat(r.transientFailure()).isFalse();
        });
        EmailMessage recorded = provider.outbox().emails().get(0);
        assertThat(recorded.recipients()).containsExactly(EmailAddress.parse("alice@example.com"));
        assertThat(recorded.messageId()).contains("<m1@example.com>");
        assertThat(recorded.attachments()).isEqualTo(message.attachments());
        assertThat(recorded.headers()).isEqualTo(message.headers());
    }

    @Test
    void emailWhoseOnlyRecipientIsRejectedFailsAsAWhole() {
        FakeEmailProvider provider = new FakeEmailProvider();
        provider.behaviour().rejectRecipient("Bob@EXAMPLE.com");

        PermanentDeliveryException thrown = catchThrowableOfType(PermanentDeliveryException.class,
                () -> sender(provider).send(email("Bob@example.com")));

        assertThat(thrown.rejectedRecipients()).extracting(r -> r.address()).containsExactly("Bob@example.com");
        assertThat(provider.outbox().emails()).isEmpty();
    }

    @Test
    void recipientRejectedTransientlyFailsTransientlyWhenAlone() {
        FakeEmailProvider provider = new FakeEmailProvider();
        provider.behaviour().rejectRecipientTransiently("bob@example.com");

        assertThatThrownBy(() -> sender(provider).send(email("bob@example.com")))
                .isInstanceOfSatisfying(TransientDeliveryException.class,
                        e -> assertThat(e.rejectedRecipients()).singleElement()
                                .satisfies(r -> assertThat(r.transientFailure()).isTrue()));
    }

    @Test
    void resetRestoresInstantSuccessfulSends() {
        FakeEmailProvider provider = FakeEmailProvider.builder().latency(Duration.ofSeconds(30)).failNextPermanently(3)
                .rejectRecipient("a@example.com").build();

        provider.behaviour().reset();
        sender(provider).send(email("a@example.com"));

        assertThat(provider.outbox().emails()).hasSize(1);
        assertThat(provider.behaviour().latency()).isZero();
    }

    @Test
    void everyProviderBuiltFromOneBuilderHasItsOwnBehaviourAndOutbox() {
        FakeProviderBuilder<FakeEmailProvider> builder = FakeEmailProvider.builder().failNextTransiently(1);
        FakeEmailProvider first = builder.build();
        FakeEmailProvider second = builder.build();

        assertThatThrownBy(() -> sender(first).send(email("a@example.com"))).isInstanceOf(DeliveryException.class);
        sender(first).send(email("a@example.com"));

        assertThat(second.behaviour().pendingFailures()).isEqualTo(1);
        assertThat(first.outbox()).isNotSameAs(second.outbox());
        assertThat(second.outbox().emails()).isEmpty();
    }

    @Test
    void builderRefusesInvalidValuesNamingThem() {
        assertThatThrownBy(() -> FakeEmailProvider.builder().latency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency");
        assertThatThrownBy(() -> FakeEmailProvider.builder().failNextTransiently(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sends");
    }

    @Test
    void messageWithoutMessageIdIsRefusedAsIncomplete() {
        EmailMessage incomplete = EmailMessage.builder().to("a@example.com").subject("s").text("t").build();

        assertThatThrownBy(() -> sender(new FakeEmailProvider()).send(incomplete))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Message-ID");
    }

    @Test
    void queuedFailuresAreEachUsedOnceUnderConcurrentSends() throws Exception {
        FakeEmailProvider provider = FakeEmailProvider.builder().failNextTransiently(10).build();
        EmailSender sender = sender(provider);
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 25; i++) {
                        try {
                            sender.send(email("a@example.com"));
                        } catch (TransientDeliveryException e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failed).hasValue(10);
        assertThat(provider.outbox().emails()).hasSize(90)
                .extracting(EmailMessage::subject).doesNotHaveDuplicates();
        assertThat(provider.behaviour().attempts()).isEqualTo(100);
    }

    @Test
    void fakesAreNotRegisteredForServiceLoaderSoOnlyATestThatAsksHasThem() {
        List<SenderProvider> found = ServiceLoader.load(SenderProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(found).noneMatch(p -> p instanceof FakeEmailProvider || p instanceof FakeSmsProvider);
    }

    @Test
    void everyFakeHasAnOutboxAndBehaviourOfItsOwn() {
        FakeEmailProvider a = new FakeEmailProvider();
        FakeEmailProvider b = new FakeEmailProvider();

        assertThat(a.outbox()).isNotSameAs(b.outbox());
        assertThat(a.behaviour()).isNotSameAs(b.behaviour());
    }

    private EmailSender sender(FakeEmailProvider provider) {
        EmailSender sender = provider.create(new SenderContext(FakeSettings.emailAndSms().resolveGlobal(), Clock.systemUTC(), ManualScheduler.startingAt(Instant.now())));
        senders.add(sender);
        return sender;
    }

    private EmailMessage email(String... to) {
        int n = sequence.incrementAndGet();
        return EmailMessage.builder().from("noreply@example.com").to(to).subject("test " + n)
                .text("hello").messageId("<t" + n + "@example.com>").build();
    }
}
