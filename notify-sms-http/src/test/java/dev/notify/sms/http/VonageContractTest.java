package dev.notify.sms.http;

import dev.notify.testkit.contract.SmsSenderContractTest;
import dev.notify.testkit.contract.SmsSenderHarness;
import dev.notify.testkit.sms.VonageServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The vonage provider keeps the SMS contract against the test kit's Vonage stub. */
class VonageContractTest extends SmsSenderContractTest {

    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();

    @Override
    protected SmsSenderHarness createHarness() {
        return vonage.harness(new VonageSmsProvider());
    }
}
