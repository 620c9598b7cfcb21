package dev.notify.sms.http;

import dev.notify.testkit.contract.SmsSenderContractTest;
import dev.notify.testkit.contract.SmsSenderHarness;
import dev.notify.testkit.sms.TwilioServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The twilio provider keeps the SMS contract against the test kit's Twilio stub. */
class TwilioContractTest extends SmsSenderContractTest {

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();

    @Override
    protected SmsSenderHarness createHarness() {
        return twilio.harness(new TwilioSmsProvider());
    }
}
