package dev.notify.sample;

import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.contract.SenderContractTest;
import dev.notify.testkit.contract.SenderHarness;
import java.util.List;

/**
 * How a provider proves it keeps the SPI's contract, shown with the fake provider standing in for "your
 * provider": the harness says how to make the receiving side fail and what it received.
 */
// snippet: contract
class ContractExampleTest extends SenderContractTest {

    @Override
    protected SenderHarness createHarness() {
        FakeEmailProvider provider = new FakeEmailProvider();
        return new SenderHarness() {
            @Override
            public SenderProvider provider() {
                return provider;
            }

            @Override
            public Layer settings() {
                return Layer.builder()
                        .set("email.enabled", "true")
                        .set("email.delivery-method", provider.id())
                        .set("email.sender", "noreply@sample.test")
                        .build();
            }

            @Override
            public void failNextSendTransiently() {
                provider.behaviour().failNextTransiently(1);
            }

            @Override
            public void failNextSendPermanently() {
                provider.behaviour().failNextPermanently(1);
            }

            @Override
            public List<EmailMessage> received() {
                return provider.outbox().emails();
            }
        };
    }
}
// end-snippet
