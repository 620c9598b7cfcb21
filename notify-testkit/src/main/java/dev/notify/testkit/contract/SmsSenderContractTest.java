package dev.notify.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.notify.Channel;
import dev.notify.DeliveryException;
import dev.notify.InvalidMessageException;
import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.Problem;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.TransientDeliveryException;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.spi.Delivery;
import dev.notify.spi.EmailRelayProvider;
import dev.notify.spi.SmsSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every SMS provider owes the notifier, as JUnit 5 tests: extend this class, implement
 * {@link #createHarness()}, and every check below runs against your provider.
 *
 * <pre>{@code
 * class TwilioContractTest extends SmsSenderContractTest {
 *     @RegisterExtension
 *     static final TwilioServerExtension twilio = TwilioServerExtension.create();
 *
 *     @Override
 *     protected SmsSenderHarness createHarness() {
 *         return twilio.harness(new TwilioSmsProvider());
 *     }
 * }
 * }</pre>
 *
 * <p>The checks: a send returns a {@link Delivery} whose only accepted recipient is the number in E.164, with the
 * text and number received exactly, UCS-2 texts included; through a notifier, which applies the SMS channel's rules
 * before the provider sees a message, a national number arrives in E.164 with {@code sms.default-country-code}, an
 * unusable number and a text longer than {@code sms.max-segments} throw {@link InvalidMessageException} and send
 * nothing, while a text within the limit is sent whole; a temporary failure throws
 * {@link TransientDeliveryException} and a refusal {@link PermanentDeliveryException}, each receiving nothing, and
 * the sender works again afterwards; a throttled send carries its {@code Retry-After}; a send through a notifier is
 * accepted and its {@code sms.outcome} says what the service did ("accepted by ...", "handed to ..."), never that
 * the phone got it; a disabled channel returns {@link SendStatus#CHANNEL_DISABLED} and sends nothing; a closed
 * sender throws and closing again is harmless; {@code check()} returns a report and sends nothing; concurrent
 * sends all arrive; no secret of the settings appears in what callers see.
 *
 * <p>Overriding a check to weaken it defeats the contract; a harness that cannot do something optional (throttle)
 * makes the check skip itself instead.
 */
public abstract class SmsSenderContractTest extends ContractTestBase<SmsSenderHarness, SmsSender> {

    /** The number every check sends to, as a person would type it, and its E.164 form. */
    protected static final String NUMBER = "+44 7700 900123";
    protected static final String E164 = "+447700900123";

    protected SmsSenderContractTest() {
        super(SmsSender.class);
    }

    /** A new harness for one test: the provider, its settings and the receiving side. */
    @Override
    protected abstract SmsSenderHarness createHarness() throws Exception;

    /** The harness of the running test. */
    @Override
    protected final SmsSenderHarness harness() {
        return super.harness();
    }

    @Test
    void providerDescribesItselfAsAnSmsProvider() {
        assertProviderDescribesItself(Channel.SMS, settings(harness().settings()), SettingKeys.SMS_DELIVERY_METHOD);
    }

    @Test
    void sendReturnsDeliveryWithTheNumberInE164Accepted() {
        SmsSender sender = newSender();

        Delivery delivery = sender.send(message("Your code is 123456."));

        assertThat(delivery.accepted()).as("Delivery.accepted()").containsExactly(E164);
        assertThat(delivery.rejected()).as("Delivery.rejected()").isEmpty();
        assertThat(delivery.messageId()).as("Delivery.messageId()").isNotBlank();
        assertNoSecretIn(delivery.toString());
    }

    @Test
    void numberAndTextArriveExactly() {
        SmsSender sender = newSender();

        sender.send(message("Your code is 123456.\nIt expires in 10 min."));

        assertThat(harness().received()).singleElement().satisfies(sms -> {
            assertThat(sms.phoneNumber()).as("number received").isEqualTo(E164);
            assertThat(sms.text()).as("text received").isEqualTo("Your code is 123456.\nIt expires in 10 min.");
        });
    }

    @Test
    void ucs2TextArrivesUnchanged() {
        SmsSender sender = newSender();
        String text = "Grüße 👋 — 你好, código ✓";

        sender.send(message(text));

        assertThat(harness().received()).extracting(SmsMessage::text).containsExactly(text);
    }

    @Test
    void nationalNumberReachesTheProviderInE164WithTheDefaultCountryCode() {
        try (Notifier notifier = notifier(with(SettingKeys.SMS_DEFAULT_COUNTRY_CODE, 44))) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("07700 900123", "national"));

            assertThat(result.accepted()).containsExactly(E164);
            assertThat(harness().received()).extracting(SmsMessage::phoneNumber).containsExactly(E164);
        }
    }

    @Test
    void unusableNumberIsRefusedBeforeAnythingIsSent() {
        try (Notifier notifier = notifier(harness().settings())) {
            Throwable thrown = catchThrowable(() -> notifier.global().sendSms(SmsMessage.of("555 010 1234",
                    "no country code")));

            assertThat(thrown).isInstanceOf(InvalidMessageException.class);
            assertThat(((InvalidMessageException) thrown).problems()).extracting(Problem::key)
                    .containsExactly("phone-number");
            assertThat(harness().received()).as("received after an unusable number").isEmpty();
        }
    }

    @Test
    void textLongerThanMaxSegmentsIsRefusedBeforeAnythingIsSent() {
        try (Notifier notifier = notifier(with(SettingKeys.SMS_MAX_SEGMENTS, 1))) {
            Throwable thrown = catchThrowable(() -> notifier.global().sendSms(SmsMessage.of(NUMBER, "x".repeat(161))));

            assertThat(thrown).isInstanceOf(InvalidMessageException.class);
            assertThat(((InvalidMessageException) thrown).problems()).extracting(Problem::key).containsExactly("text");
            assertThat(harness().received()).as("received after a text over sms.max-segments").isEmpty();
        }
    }

    @Test
    void textWithinMaxSegmentsIsSentWhole() {
        String text = "y".repeat(306);
        try (Notifier notifier = notifier(with(SettingKeys.SMS_MAX_SEGMENTS, 2))) {
            notifier.global().sendSms(SmsMessage.of(NUMBER, text));

            assertThat(harness().received()).extracting(SmsMessage::text).containsExactly(text);
        }
    }

    @Test
    void transientFailureThrowsTransientDeliveryExceptionAndDeliversNothing() {
        SmsSender sender = newSender();
        harness().failNextSendTransiently();

        assertSendFailsAndDeliversNothing(TransientDeliveryException.class, () -> sender.send(message("transient")));
    }

    @Test
    void senderWorksAgainAfterTransientFailure() {
        SmsSender sender = newSender();
        harness().failNextSendTransiently();
        catchThrowable(() -> sender.send(message("transient")));

        Delivery delivery = sender.send(message("after transient"));

        assertThat(delivery.accepted()).containsExactly(E164);
        assertThat(harness().received()).extracting(SmsMessage::text).containsExactly("after transient");
    }

    @Test
    void permanentFailureThrowsPermanentDeliveryExceptionAndDeliversNothing() {
        SmsSender sender = newSender();
        harness().failNextSendPermanently();

        assertSendFailsAndDeliversNothing(PermanentDeliveryException.class, () -> sender.send(message("permanent")));
    }

    @Test
    void senderWorksAgainAfterPermanentFailure() {
        SmsSender sender = newSender();
        harness().failNextSendPermanently();
        catchThrowable(() -> sender.send(message("permanent")));

        Delivery delivery = sender.send(message("after permanent"));

        assertThat(delivery.accepted()).containsExactly(E164);
        assertThat(harness().received()).extracting(SmsMessage::text).containsExactly("after permanent");
    }

    @Test
    void throttledSendIsTransientAndCarriesRetryAfter() {
        SmsSender sender = newSender();
        try {
            harness().throttleNextSend(Duration.ofSeconds(7));
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the harness cannot throttle: " + e.getMessage());
        }

        Throwable thrown = catchThrowable(() -> sender.send(message("throttled")));

        assertThat(thrown).isInstanceOf(TransientDeliveryException.class);
        assertThat(((DeliveryException) thrown).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(harness().received()).isEmpty();
    }

    @Test
    void sendThroughNotifierIsAcceptedAndSaysWhatTheServiceDidNotThatThePhoneGotIt() {
        try (Notifier notifier = notifier(harness().settings())) {
            SendResult result = notifier.global().sendSms(SmsMessage.of(NUMBER, "through notifier"));

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.providerId()).contains(harness().provider().id());
            assertThat(result.accepted()).containsExactly(E164);
            assertThat(result.details().get("sms.outcome")).as("the result's sms.outcome")
                    .matches("(accepted by|handed to) .+");
            assertThat(harness().received()).extracting(SmsMessage::text).containsExactly("through notifier");
            assertNoSecretIn(result + "\n" + result.details());
        }
    }

    @Test
    void disabledChannelReturnsChannelDisabledAndSendsNothing() {
        Layer disabled = Layer.builder(harness().settings()).set(SettingKeys.SMS_ENABLED, false).build();
        try (Notifier notifier = notifier(disabled)) {
            SendResult result = notifier.global().sendSms(SmsMessage.of(NUMBER, "disabled"));

            assertThat(result.status()).isEqualTo(SendStatus.CHANNEL_DISABLED);
            assertThat(result.isAccepted()).isFalse();
            assertThat(harness().received()).as("received with SMS disabled").isEmpty();
        }
    }

    @Test
    void closedSenderThrowsInsteadOfSending() {
        SmsSender sender = newSender();
        sender.send(message("before close"));
        sender.close();

        Throwable thrown = catchThrowable(() -> sender.send(message("after close")));

        assertThat(thrown).as("send after close()").isInstanceOf(RuntimeException.class);
        assertThat(harness().received()).extracting(SmsMessage::text).containsExactly("before close");
    }

    @Test
    void closeIsIdempotent() {
        SmsSender used = newSender();
        used.send(message("used"));

        assertClosingTwiceIsHarmless(used, newSender());
    }

    @Test
    void checkReturnsReportWithoutThrowingOrSending() {
        SmsSender sender = newSender();

        assertCheckReportsWithoutSending(sender);
    }

    @Test
    void concurrentSendsThroughOneSenderAllArrive() throws Exception {
        SmsSender sender = newSender();

        List<String> sent = sendConcurrently(suffix -> {
            String text = "concurrent " + suffix;
            sender.send(message(text));
            return text;
        });

        assertThat(harness().received()).extracting(SmsMessage::text).containsExactlyInAnyOrderElementsOf(sent)
                .hasSize(CONCURRENT_THREADS * CONCURRENT_SENDS_PER_THREAD);
    }

    /** A sender of the harness's provider for its settings; closed after the test. */
    protected final SmsSender newSender() {
        return newSender(settings -> { });
    }

    /** A sender for the harness's settings with some keys changed. */
    protected final SmsSender newSender(Consumer<Layer.Builder> change) {
        Layer.Builder layer = Layer.builder(harness().settings());
        change.accept(layer);
        ResolvedSettings resolved = settings(layer.build());
        SenderContext context = context(resolved);
        return track(harness().provider() instanceof EmailRelayProvider relay
                ? relay.create(context, harness().emailSender(resolved)) : harness().provider().create(context));
    }

    /** An SMS as a notifier hands it to a sender: to {@link #NUMBER} in E.164, with a Message-ID. */
    protected static SmsMessage message(String text) {
        return SmsMessage.of(E164, text).withMessageId(newMessageId());
    }

    private <T> Layer with(dev.notify.settings.SettingKey<T> key, T value) {
        return Layer.builder(harness().settings()).set(key, value).build();
    }

    /** The layer resolved with the schema of the harness's providers, so a provider need not be on ServiceLoader's path. */
    private ResolvedSettings settings(Layer layer) {
        List<SenderProvider> providers = new ArrayList<>(harness().supportingProviders());
        providers.add(harness().provider());
        ResolvedSettings resolved = Settings.of(layer).resolveGlobal(SettingsSchema.of(providers))
                .requireValid(Channel.SMS);
        assertThat(resolved.get(SettingKeys.SMS_ENABLED)).as("the harness's sms.enabled").isTrue();
        return resolved;
    }

    private Notifier notifier(Layer global) {
        Layer once = Layer.builder(global).set(SettingKeys.SMS_RETRY_MAX_ATTEMPTS, 1).build();
        var builder = Notifier.builder().settings(Settings.of(once)).provider(harness().provider())
                .discoverProviders(false).closeTimeout(Duration.ofSeconds(10));
        harness().supportingProviders().forEach(builder::provider);
        return builder.build();
    }
}
