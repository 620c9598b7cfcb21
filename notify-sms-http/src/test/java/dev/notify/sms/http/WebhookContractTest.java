package dev.notify.sms.http;

import dev.notify.testkit.contract.SmsSenderContractTest;
import dev.notify.testkit.contract.SmsSenderHarness;
import dev.notify.testkit.sms.WebhookServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook provider keeps the SMS contract against the test kit's Webhook stub. */
class WebhookContractTest extends SmsSenderContractTest {

    @RegisterExtension
    static final WebhookServerExtension webhook = WebhookServerExtension.create();

    @Override
    protected SmsSenderHarness createHarness() {
        return webhook.harness(new WebhookSmsProvider());
    }
}
