package dev.notify.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.DeliveryException;
import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.SendRejectedException;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.spi.Delivery;
import dev.notify.spi.EmailSender;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.time.ManualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every email provider owes the notifier, as JUnit 5 tests: extend this class, implement
 * {@link #createHarness()}, and every check below runs against your provider.
 *
 * <pre>{@code
 * class SmtpSenderProviderContractTest extends SenderContractTest {
 *     @RegisterExtension
 *     static SmtpServerExtension server = SmtpServerExtension.plain();
 *
 *     @Override
 *     protected SenderHarness createHarness() {
 *         return new SenderHarness() { ... };
 *     }
 * }
 * }</pre>
 *
 * <p>The checks: a send returns a {@link Delivery} with the Message-ID given and every recipient accepted, and
 * the Message-ID given is the one delivered; a temporary failure throws {@link TransientDeliveryException} and a
 * refusal {@link PermanentDeliveryException}, each receiving nothing, and the sender works again afterwards;
 * refused recipients are reported in the delivery, and a send whose every recipient is refused throws;
 * a notifier with the channel disabled returns {@link SendStatus#CHANNEL_DISABLED} and sends nothing; a closed
 * sender throws {@link dev.notify.SendRejectedException} instead of sending and closing again is harmless; {@code check()} returns a report and sends
 * nothing; concurrent sends through one sender all arrive; no secret of the settings appears in what callers
 * see. Each test gets a new harness from {@link #createHarness()} and closes it afterwards.
 *
 * <p>Overriding a check to weaken it defeats the contract; a harness that cannot do something optional (refuse
 * single recipients) makes the check skip itself instead.
 */
public abstract class SenderContractTest {

    private static final Duration CONCURRENT_SEND_TIMEOUT = Duration.ofSeconds(30);

    private SenderHarness harness;
    private final List<EmailSender> senders = new ArrayList<>();

    /** A new harness for one test: the provider, its settings and the receiving side. */
    protected abstract SenderHarness createHarness() throws Exception;

    /** The harness of the running test. */
    protected final SenderHarness harness() {
        return harness;
    }

    @BeforeEach
    final void openHarness() throws Exception {
        harness = createHarness();
        assertThat(harness).as("createHarness()").isNotNull();
    }

    @AfterEach
    final void closeHarness() {
        RuntimeException failure = null;
        for (EmailSender sender : senders) {
            try {
                sender.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        senders.clear();
        if (harness != null) {
            harness.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    void providerDescribesItselfAsAnEmailProvider() {
        SenderProvider provider = harness.provider();

        assertThat(provider.id()).as("id()").matches("[a-z][a-z0-9-]*");
        assertThat(provider.channel()).as("channel()").isEqualTo(Channel.EMAIL);
        assertThat(provider.settings()).as("settings()").isNotNull();
        assertThat(provider.settings().keys()).as("settings().keys()").doesNotContainNull();
        assertThat(settings().get(SettingKeys.EMAIL_DELIVERY_METHOD))
                .as("the harness's email.delivery-method").isEqualTo(provider.id());
    }

    @Test
    void sendReturnsDeliveryWithTheMessageIdAndEveryRecipientAccepted() {
        EmailSender sender = newSender();
        EmailMessage message = message("accepted");

        Delivery delivery = sender.send(message);

        assertThat(delivery.messageId()).as("Delivery.messageId()").isEqualTo(message.messageId().orElseThrow());
        assertThat(delivery.accepted().stream().map(EmailAddress::parse).toList()).as("Delivery.accepted()")
                .containsExactlyInAnyOrderElementsOf(message.recipients());
        assertThat(delivery.rejected()).as("Delivery.rejected()").isEmpty();
        assertNoSecretIn(delivery.toString());
    }

    @Test
    void messageIdGivenIsTheOneDelivered() {
        EmailSender sender = newSender();
        EmailMessage message = message("message id");

        sender.send(message);

        assertThat(harness.received()).singleElement().satisfies(received -> {
            assertThat(received.messageId()).as("Message-ID received").isEqualTo(message.messageId());
            assertThat(received.subject()).as("subject received").isEqualTo(message.subject());
            assertThat(received.recipients()).as("recipients received")
                    .containsExactlyInAnyOrderElementsOf(message.recipients());
        });
    }

    @Test
    void transientFailureThrowsTransientDeliveryExceptionAndDeliversNothing() {
        EmailSender sender = newSender();
        harness.failNextSendTransiently();

        Throwable thrown = catchThrowable(() -> sender.send(message("transient")));

        assertThat(thrown).isInstanceOf(TransientDeliveryException.class);
        assertThat(((DeliveryException) thrown).isTransient()).isTrue();
        assertThat(harness.received()).as("received after a transient failure").isEmpty();
        assertNoSecretIn(describe(thrown));
    }

    @Test
    void senderWorksAgainAfterTransientFailure() {
        EmailSender sender = newSender();
        harness.failNextSendTransiently();
        catchThrowable(() -> sender.send(message("transient")));
        EmailMessage retry = message("after transient");

        Delivery delivery = sender.send(retry);

        assertThat(delivery.messageId()).isEqualTo(retry.messageId().orElseThrow());
        assertThat(harness.received()).extracting(EmailMessage::messageId).containsExactly(retry.messageId());
    }

    @Test
    void permanentFailureThrowsPermanentDeliveryExceptionAndDeliversNothing() {
        EmailSender sender = newSender();
        harness.failNextSendPermanently();

        Throwable thrown = catchThrowable(() -> sender.send(message("permanent")));

        assertThat(thrown).isInstanceOf(PermanentDeliveryException.class);
        assertThat(((DeliveryException) thrown).isTransient()).isFalse();
        assertThat(harness.received()).as("received after a permanent failure").isEmpty();
        assertNoSecretIn(describe(thrown));
    }

    @Test
    void senderWorksAgainAfterPermanentFailure() {
        EmailSender sender = newSender();
        harness.failNextSendPermanently();
        catchThrowable(() -> sender.send(message("permanent")));
        EmailMessage next = message("after permanent");

        Delivery delivery = sender.send(next);

        assertThat(delivery.messageId()).isEqualTo(next.messageId().orElseThrow());
        assertThat(harness.received()).extracting(EmailMessage::messageId).containsExactly(next.messageId());
    }

    @Test
    void refusedRecipientIsReportedAndTheOthersAccepted() {
        String refused = harness.address("refused");
        rejectRecipientOrSkip(refused);
        EmailSender sender = newSender();
        EmailMessage message = builder("partly refused").to(harness.address("alice"), refused)
                .messageId(newMessageId()).build();

        Delivery delivery = sender.send(message);

        assertThat(delivery.accepted().stream().map(EmailAddress::parse).toList())
                .containsExactly(EmailAddress.parse(harness.address("alice")));
        assertThat(delivery.rejected()).singleElement().satisfies(r -> {
            assertThat(EmailAddress.parse(r.address())).isEqualTo(EmailAddress.parse(refused));
            assertThat(r.transientFailure()).isFalse();
        });
        assertThat(harness.received()).hasSize(1);
    }

    @Test
    void sendWhoseEveryRecipientIsRefusedThrowsPermanentDeliveryException() {
        String refused = harness.address("refused");
        rejectRecipientOrSkip(refused);
        EmailSender sender = newSender();

        Throwable thrown = catchThrowable(() -> sender.send(builder("all refused").to(refused)
                .messageId(newMessageId()).build()));

        assertThat(thrown).isInstanceOf(PermanentDeliveryException.class);
        assertThat(((DeliveryException) thrown).rejectedRecipients())
                .extracting(r -> EmailAddress.parse(r.address())).containsExactly(EmailAddress.parse(refused));
        assertThat(harness.received()).isEmpty();
    }

    @Test
    void sendThroughNotifierIsAcceptedByThisProvider() {
        try (Notifier notifier = notifier(harness.settings())) {
            SendResult result = notifier.global().sendEmail(builder("through notifier")
                    .to(harness.address("alice")).build());

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.providerId()).contains(harness.provider().id());
            assertThat(harness.received()).extracting(EmailMessage::messageId)
                    .containsExactly(result.messageId());
        }
    }

    @Test
    void disabledChannelReturnsChannelDisabledAndSendsNothing() {
        Layer disabled = Layer.builder(harness.settings()).set(SettingKeys.EMAIL_ENABLED, false).build();
        try (Notifier notifier = notifier(disabled)) {
            SendResult result = notifier.global().sendEmail(builder("disabled")
                    .to(harness.address("alice")).build());

            assertThat(result.status()).isEqualTo(SendStatus.CHANNEL_DISABLED);
            assertThat(result.isAccepted()).isFalse();
            assertThat(harness.received()).as("received with email disabled").isEmpty();
        }
    }

    @Test
    void closedSenderThrowsInsteadOfSending() {
        EmailSender sender = newSender();
        sender.send(message("before close"));
        sender.close();

        Throwable thrown = catchThrowable(() -> sender.send(message("after close")));

        assertThat(thrown).as("send after close()").isInstanceOf(SendRejectedException.class);
        assertThat(harness.received()).extracting(EmailMessage::subject).containsExactly("contract: before close");
    }

    @Test
    void closeIsIdempotent() {
        EmailSender used = newSender();
        used.send(message("used"));
        EmailSender unused = newSender();

        assertThatCode(() -> {
            used.close();
            used.close();
            unused.close();
            unused.close();
        }).doesNotThrowAnyException();
    }

    @Test
    void checkReturnsReportWithoutThrowingOrSending() {
        EmailSender sender = newSender();

        CheckReport report = catchReport(sender);

        assertThat(report).as("check()").isNotNull();
        assertThat(report.providerId()).isEqualTo(harness.provider().id());
        assertThat(report.ok()).as("check() with working settings: " + report).isTrue();
        assertThat(harness.received()).as("received after check()").isEmpty();
        assertNoSecretIn(report.toString());
    }

    @Test
    void concurrentSendsThroughOneSenderAllArrive() throws Exception {
        EmailSender sender = newSender();
        int threads = 4;
        int perThread = 5;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ids.add(sender.send(message("concurrent " + thread + "-" + i)).messageId());
                    }
                    return ids;
                }));
            }
            start.countDown();
            List<String> sent = new ArrayList<>();
            for (Future<List<String>> future : futures) {
                try {
                    sent.addAll(future.get(CONCURRENT_SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a send failed while others ran concurrently: " + e.getCause(),
                            e.getCause());
                }
            }

            assertThat(sent).hasSize(threads * perThread).doesNotHaveDuplicates();
            assertThat(harness.received()).extracting(m -> m.messageId().orElseThrow())
                    .containsExactlyInAnyOrderElementsOf(sent);
        } finally {
            pool.shutdownNow();
        }
    }

    private static CheckReport catchReport(EmailSender sender) {
        try {
            return sender.check();
        } catch (RuntimeException e) {
            throw new AssertionError("check() must report failures in the report, but threw " + e, e);
        }
    }

    /** A sender of the harness's provider for its settings; closed after the test. */
    protected final EmailSender newSender() {
        ResolvedSettings resolved = settings();
        Sender created = harness.provider().create(new SenderContext(resolved, Clock.systemUTC(),
                ManualScheduler.startingAt(Instant.now())));
        assertThat(created).as("SenderProvider.create() of an email provider").isInstanceOf(EmailSender.class);
        EmailSender sender = (EmailSender) created;
        senders.add(sender);
        return sender;
    }

    /** A complete message, as a notifier hands it to a sender: from, Message-ID and three recipients set. */
    protected final EmailMessage message(String subject) {
        return builder(subject)
                .to(harness.address("alice"), harness.address("bob"))
                .cc(harness.address("carol"))
                .messageId(newMessageId())
                .build();
    }

    /** A message without recipients and Message-ID; a notifier sets the Message-ID. */
    private EmailMessage.Builder builder(String subject) {
        return EmailMessage.builder()
                .from(settings().get(SettingKeys.EMAIL_SENDER))
                .subject("contract: " + subject)
                .text("Sent by " + getClass().getSimpleName() + ".\n");
    }

    private static String newMessageId() {
        return "<contract-" + UUID.randomUUID() + "@example.com>";
    }

    private ResolvedSettings settings() {
        ResolvedSettings resolved = Settings.of(harness.settings())
                .resolveGlobal(SettingsSchema.of(List.of(harness.provider()))).requireValid();
        assertThat(resolved.get(SettingKeys.EMAIL_ENABLED)).as("the harness's email.enabled").isTrue();
        return resolved;
    }

    private Notifier notifier(Layer global) {
        Layer once = Layer.builder(global).set(SettingKeys.EMAIL_RETRY_MAX_ATTEMPTS, 1).build();
        return Notifier.builder().settings(Settings.of(once)).provider(harness.provider())
                .discoverProviders(false).closeTimeout(Duration.ofSeconds(10)).build();
    }

    private void rejectRecipientOrSkip(String address) {
        try {
            harness.rejectRecipient(address);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the harness cannot refuse single recipients: " + e.getMessage());
        }
    }

    private void assertNoSecretIn(String text) {
        for (String secret : harness.secrets()) {
            assertThat(text).as("text callers see").doesNotContain(secret);
        }
    }

    private static String describe(Throwable thrown) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString();
    }
}
