package dev.notify.sms.http;

import dev.notify.testkit.contract.SmsSenderContractTest;
import dev.notify.testkit.contract.SmsSenderHarness;
import dev.notify.testkit.sms.InfobipServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The infobip provider keeps the SMS contract against the test kit's Infobip stub. */
class InfobipContractTest extends SmsSenderContractTest {

    @RegisterExtension
    static final InfobipServerExtension infobip = InfobipServerExtension.create();

    @Override
    protected SmsSenderHarness createHarness() {
        return infobip.harness(new InfobipSmsProvider());
    }
}
