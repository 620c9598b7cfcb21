package dev.notify.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.notify.Channel;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
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
public abstract class SenderContractTest extends ContractTestBase<SenderHarness, EmailSender> {

    protected SenderContractTest() {
        super(EmailSender.class);
    }

    /** A new harness for one test: the provider, its settings and the receiving side. */
    @Override
    protected abstract SenderHarness createHarness() throws Exception;

    /** The harness of the running test. */
    @Override
    protected final SenderHarness harness() {
        return super.harness();
    }

    @Test
    void providerDescribesItselfAsAnEmailProvider() {
        assertProviderDescribesItself(Channel.EMAIL, settings(), SettingKeys.EMAIL_DELIVERY_METHOD);
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

        assertThat(harness().received()).singleElement().satisfies(received -> {
            assertThat(received.messageId()).as("Message-ID received").isEqualTo(message.messageId());
            assertThat(received.subject()).as("subject received").isEqualTo(message.subject());
            assertThat(received.recipients()).as("recipients received")
                    .containsExactlyInAnyOrderElementsOf(message.recipients());
        });
    }

    @Test
    void transientFailureThrowsTransientDeliveryExceptionAndDeliversNothing() {
        EmailSender sender = newSender();
        harness().failNextSendTransiently();

        assertSendFailsAndDeliversNothing(TransientDeliveryException.class, () -> sender.send(message("transient")));
    }

    @Test
    void senderWorksAgainAfterTransientFailure() {
        EmailSender sender = newSender();
        harness().failNextSendTransiently();
        catchThrowable(() -> sender.send(message("transient")));
        EmailMessage retry = message("after transient");

        Delivery delivery = sender.send(retry);

        assertThat(delivery.messageId()).isEqualTo(retry.messageId().orElseThrow());
        assertThat(harness().received()).extracting(EmailMessage::messageId).containsExactly(retry.messageId());
    }

    @Test
    void permanentFailureThrowsPermanentDeliveryExceptionAndDeliversNothing() {
        EmailSender sender = newSender();
        harness().failNextSendPermanently();

        assertSendFailsAndDeliversNothing(PermanentDeliveryException.class, () -> sender.send(message("permanent")));
    }

    @Test
    void senderWorksAgainAfterPermanentFailure() {
        EmailSender sender = newSender();
        harness().failNextSendPermanently();
        catchThrowable(() -> sender.send(message("permanent")));
        EmailMessage next = message("after permanent");

        Delivery delivery = sender.send(next);

        assertThat(delivery.messageId()).isEqualTo(next.messageId().orElseThrow());
        assertThat(harness().received()).extracting(EmailMessage::messageId).containsExactly(next.messageId());
    }

    @Test
    void refusedRecipientIsReportedAndTheOthersAccepted() {
        String refused = harness().address("refused");
        rejectRecipientOrSkip(refused);
        EmailSender sender = newSender();
        EmailMessage message = builder("partly refused").to(harness().address("alice"), refused)
                .messageId(newMessageId()).build();

        Delivery delivery = sender.send(message);

        assertThat(delivery.accepted().stream().map(EmailAddress::parse).toList())
                .containsExactly(EmailAddress.parse(harness().address("alice")));
        assertThat(delivery.rejected()).singleElement().satisfies(r -> {
            assertThat(EmailAddress.parse(r.address())).isEqualTo(EmailAddress.parse(refused));
            assertThat(r.transientFailure()).isFalse();
        });
        assertThat(harness().received()).hasSize(1);
    }

    @Test
    void sendWhoseEveryRecipientIsRefusedThrowsPermanentDeliveryException() {
        String refused = harness().address("refused");
        rejectRecipientOrSkip(refused);
        EmailSender sender = newSender();

        Throwable thrown = catchThrowable(() -> sender.send(builder("all refused").to(refused)
                .messageId(newMessageId()).build()));

        assertThat(thrown).isInstanceOf(PermanentDeliveryException.class);
        assertThat(((DeliveryException) thrown).rejectedRecipients())
                .extracting(r -> EmailAddress.parse(r.address())).containsExactly(EmailAddress.parse(refused));
        assertThat(harness().received()).isEmpty();
    }

    @Test
    void sendThroughNotifierIsAcceptedByThisProvider() {
        try (Notifier notifier = notifier(harness().settings())) {
            SendResult result = notifier.global().sendEmail(builder("through notifier")
                    .to(harness().address("alice")).build());

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.providerId()).contains(harness().provider().id());
            assertThat(harness().received()).extracting(EmailMessage::messageId)
                    .containsExactly(result.messageId());
        }
    }

    @Test
    void disabledChannelReturnsChannelDisabledAndSendsNothing() {
        Layer disabled = Layer.builder(harness().settings()).set(SettingKeys.EMAIL_ENABLED, false).build();
        try (Notifier notifier = notifier(disabled)) {
            SendResult result = notifier.global().sendEmail(builder("disabled")
                    .to(harness().address("alice")).build());

            assertThat(result.status()).isEqualTo(SendStatus.CHANNEL_DISABLED);
            assertThat(result.isAccepted()).isFalse();
            assertThat(harness().received()).as("received with email disabled").isEmpty();
        }
    }

    @Test
    void closedSenderThrowsInsteadOfSending() {
        EmailSender sender = newSender();
        sender.send(message("before close"));
        sender.close();

        Throwable thrown = catchThrowable(() -> sender.send(message("after close")));

        assertThat(thrown).as("send after close()").isInstanceOf(SendRejectedException.class);
        assertThat(harness().received()).extracting(EmailMessage::subject).containsExactly("contract: before close");
    }

    @Test
    void closeIsIdempotent() {
        EmailSender used = newSender();
        used.send(message("used"));

        assertClosingTwiceIsHarmless(used, newSender());
    }

    @Test
    void checkReturnsReportWithoutThrowingOrSending() {
        EmailSender sender = newSender();

        assertCheckReportsWithoutSending(sender);
    }

    @Test
    void concurrentSendsThroughOneSenderAllArrive() throws Exception {
        EmailSender sender = newSender();

        List<String> sent = sendConcurrently(suffix -> sender.send(message("concurrent " + suffix)).messageId());

        assertThat(sent).hasSize(CONCURRENT_THREADS * CONCURRENT_SENDS_PER_THREAD).doesNotHaveDuplicates();
        assertThat(harness().received()).extracting(m -> m.messageId().orElseThrow())
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    /** A sender of the harness's provider for its settings; closed after the test. */
    protected final EmailSender newSender() {
        return track(harness().provider().create(context(settings())));
    }

    /** A complete message, as a notifier hands it to a sender: from, Message-ID and three recipients set. */
    protected final EmailMessage message(String subject) {
        return builder(subject)
                .to(harness().address("alice"), harness().address("bob"))
                .cc(harness().address("carol"))
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

    private ResolvedSettings settings() {
        ResolvedSettings resolved = Settings.of(harness().settings())
                .resolveGlobal(SettingsSchema.of(List.of(harness().provider()))).requireValid();
        assertThat(resolved.get(SettingKeys.EMAIL_ENABLED)).as("the harness's email.enabled").isTrue();
        return resolved;
    }

    private Notifier notifier(Layer global) {
        Layer once = Layer.builder(global).set(SettingKeys.EMAIL_RETRY_MAX_ATTEMPTS, 1).build();
        return Notifier.builder().settings(Settings.of(once)).provider(harness().provider())
                .discoverProviders(false).closeTimeout(Duration.ofSeconds(10)).build();
    }

    private void rejectRecipientOrSkip(String address) {
        try {
            harness().rejectRecipient(address);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the harness cannot refuse single recipients: " + e.getMessage());
        }
    }
}
