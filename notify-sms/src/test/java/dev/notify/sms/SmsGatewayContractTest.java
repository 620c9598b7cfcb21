package dev.notify.sms;

import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.spi.EmailSender;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.contract.SmsSenderContractTest;
import dev.notify.testkit.contract.SmsSenderHarness;
import dev.notify.testkit.time.ManualScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The email-to-SMS gateway keeps the SMS contract, with the test kit's fake email provider as its email delivery. */
class SmsGatewayContractTest extends SmsSenderContractTest {

    @Override
    protected SmsSenderHarness createHarness() {
        return new GatewayHarness();
    }

    /** The gateway over the fake email provider; the SMS received are the gateway mails in its outbox. */
    static final class GatewayHarness implements SmsSenderHarness {
        private final FakeEmailProvider email = new FakeEmailProvider();
        private final Map<ResolvedSettings, EmailSender> emailSenders = new HashMap<>();

        @Override
        public SenderProvider provider() {
            return new SmsGatewayProvider();
        }

        @Override
        public Layer settings() {
            return Layer.builder()
                    .set("email.enabled", "true")
                    .set("email.delivery-method", FakeEmailProvider.ID)
                    .set("email.sender", "App <app@notify.example.com>")
                    .set("sms.enabled", "true")
                    .set("sms.delivery-method", SmsGatewayProvider.ID)
                    .set("sms.email-gateway.sender", GatewayNotifiers.SMS_SENDER)
                    .set("sms.email-gateway.destination-domain", GatewayNotifiers.GATEWAY_DOMAIN)
                    .build();
        }

        @Override
        public void failNextSendTransiently() {
            email.behaviour().failNextTransiently(1);
        }

        @Override
        public void failNextSendPermanently() {
            email.behaviour().failNextPermanently(1);
        }

        @Override
        public List<SmsMessage> received() {
            return email.outbox().emails().stream().map(GatewayHarness::sms).toList();
        }

        private static SmsMessage sms(EmailMessage mail) {
            String address = mail.to().get(0).address();
            return SmsMessage.of("+" + address.substring(0, address.indexOf('@')), mail.text().orElse(""));
        }

        /** One fake email sender per settings, as the notifier keeps one per email section. */
        @Override
        public synchronized EmailSender emailSender(ResolvedSettings settings) {
            return emailSenders.computeIfAbsent(settings, s -> email.create(new SenderContext(s, Clock.systemUTC(),
                    ManualScheduler.startingAt(Instant.now()))));
        }

        @Override
        public List<SenderProvider> supportingProviders() {
            return List.of(email);
        }

        @Override
        public synchronized void close() {
            emailSenders.values().forEach(Sender::close);
        }
    }
}
