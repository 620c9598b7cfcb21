package dev.notify.testkit.contract;

import dev.notify.message.SmsMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SenderProvider;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The environment an {@link SmsSenderContractTest} runs an SMS provider in: the provider, settings that make it
 * work, a way to make the next send fail, and what the receiving side got. A contract test creates one harness per
 * test method and closes it afterwards. The test kit's HTTP service stubs make one with
 * {@code harness(provider)}.
 *
 * <p>Implementations need not be threadsafe, except {@link #received()}, which may be called while sends run.
 */
public interface SmsSenderHarness extends ContractHarness<SmsMessage> {

    /** The provider under test. */
    SenderProvider provider();

    /**
     * A global settings layer with which the provider delivers to the receiving side: {@code sms.enabled=true},
     * {@code sms.delivery-method} set to the provider's id, and the provider's own keys (and, for a provider that
     * sends through email, the email settings). The contract changes {@code sms.enabled},
     * {@code sms.max-segments} and {@code sms.default-country-code} only.
     */
    Layer settings();

    /** Makes the next send fail as a service fails temporarily (HTTP 500 or 503, SMTP 451). The one after succeeds. */
    void failNextSendTransiently();

    /** Makes the next send fail as a service refuses it (an invalid number, SMTP 554). The one after succeeds. */
    void failNextSendPermanently();

    /**
     * Makes the next send fail with HTTP 429 and {@code Retry-After: <seconds>}. Optional: the default throws
     * {@link UnsupportedOperationException} and the contract's check of it is skipped.
     */
    default void throttleNextSend(Duration retryAfter) {
        throw new UnsupportedOperationException("this harness cannot throttle");
    }

    /**
     * Every SMS the receiving side accepted, in order, with its number in E.164 ({@code +447700900123}) and its
     * text as received; an SMS for which {@code send} returned must be in the list by then.
     */
    List<SmsMessage> received();

    /**
     * The email sender an {@link dev.notify.spi.EmailRelayProvider} gets for {@code settings}; a harness of such a
     * provider closes it in {@link #close()}. The default has none, as for a provider that calls a service itself.
     */
    default EmailSender emailSender(ResolvedSettings settings) {
        throw new IllegalStateException("email is disabled for these settings");
    }

    /** Other providers a notifier needs next to {@link #provider()}, such as the email provider of a gateway. */
    default List<SenderProvider> supportingProviders() {
        return List.of();
    }

    /** Secret values in {@link #settings()}; the contract checks that no report, result or exception shows them. */
    default Set<String> secrets() {
        return Set.of();
    }

    /** Stops what the harness started. */
    @Override
    default void close() {
    }
}
