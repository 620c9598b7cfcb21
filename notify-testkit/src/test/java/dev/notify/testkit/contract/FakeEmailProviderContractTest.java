package dev.notify.testkit.contract;

import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingKeys;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.FakeEmailProvider;
import java.util.List;

/** The fake email provider keeps the contract every provider keeps. */
class FakeEmailProviderContractTest extends SenderContractTest {

    @Override
    protected SenderHarness createHarness() {
        return new FakeHarness(new FakeEmailProvider());
    }

    /** The fake provider; its outbox is the receiving side. */
    static class FakeHarness implements SenderHarness {
        private final FakeEmailProvider fake;
        private final SenderProvider provider;

        FakeHarness(FakeEmailProvider fake) {
            this(fake, fake);
        }

        FakeHarness(FakeEmailProvider fake, SenderProvider provider) {
            this.fake = fake;
            this.provider = provider;
        }

        @Override
        public SenderProvider provider() {
            return provider;
        }

        @Override
        public Layer settings() {
            return Layer.builder()
                    .set(SettingKeys.EMAIL_ENABLED, true)
                    .set(SettingKeys.EMAIL_DELIVERY_METHOD.name(), FakeEmailProvider.ID)
                    .set(SettingKeys.EMAIL_SENDER.name(), "Contract <noreply@example.com>")
                    .build();
        }

        @Override
        public void failNextSendTransiently() {
            fake.behaviour().failNextTransiently(1);
        }

        @Override
        public void failNextSendPermanently() {
            fake.behaviour().failNextPermanently(1);
        }

        @Override
        public void rejectRecipient(String address) {
            fake.behaviour().rejectRecipient(address);
        }

        @Override
        public List<EmailMessage> received() {
            return fake.outbox().emails();
        }
    }
}
