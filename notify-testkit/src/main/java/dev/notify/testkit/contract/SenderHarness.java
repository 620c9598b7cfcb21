package dev.notify.testkit.contract;

import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.spi.SenderProvider;
import java.util.List;
import java.util.Set;

/**
 * The environment a {@link SenderContractTest} runs an email provider in: the provider, settings that make it
 * work, a way to make the next send fail, and what the receiving side got. A contract test creates one harness per
 * test method and closes it afterwards, so a harness may start a server and stop it in {@link #close()}.
 *
 * <p>Implementations need not be threadsafe, except {@link #received()}, which may be called while sends run.
 */
public interface SenderHarness extends ContractHarness<EmailMessage> {

    /** The provider under test; a new instance or one the harness configured. */
    SenderProvider provider();

    /**
     * A global settings layer with which the provider delivers to the receiving side: {@code email.enabled=true},
     * {@code email.delivery-method} set to the provider's id, {@code email.sender}, and the provider's own keys
     * (host, port, credentials). The contract changes {@code email.enabled} only.
     */
    Layer settings();

    /**
     * Makes the next send attempt fail the way a server fails temporarily (SMTP 451, HTTP 503 or 429), so the
     * provider must throw {@code TransientDeliveryException}. The attempt after it must succeed.
     */
    void failNextSendTransiently();

    /**
     * Makes the next send attempt fail the way a server refuses a message (SMTP 554, HTTP 400), so the provider
     * must throw {@code PermanentDeliveryException}. The attempt after it must succeed.
     */
    void failNextSendPermanently();

    /**
     * Makes the receiving side refuse {@code address} permanently (SMTP 550 to RCPT TO) while accepting other
     * recipients. Optional: the default throws {@link UnsupportedOperationException} and the contract's
     * recipient checks are then skipped (Graph, for example, has no per-recipient refusal).
     */
    default void rejectRecipient(String address) {
        throw new UnsupportedOperationException("this harness cannot refuse single recipients");
    }

    /**
     * Every message the receiving side accepted, in order, decoded into notify's message type; a message for
     * which {@code send} returned must be in the list by then.
     */
    List<EmailMessage> received();

    /**
     * A recipient address the receiving side accepts, made from {@code localPart}; by default
     * {@code localPart@example.com}.
     */
    default String address(String localPart) {
        return localPart + "@example.com";
    }

    /**
     * Secret values in {@link #settings()} (passwords, client secrets); the contract checks that no report,
     * delivery or exception message contains them.
     */
    default Set<String> secrets() {
        return Set.of();
    }

    /** Stops what the harness started. */
    @Override
    default void close() {
    }
}
