package dev.notify.testkit.sms;

import dev.notify.message.SmsMessage;
import dev.notify.settings.Layer;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.contract.SmsSenderHarness;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Runs a provider against a service stub for the SMS contract. */
final class StubHarness implements SmsSenderHarness {

    private final SmsServiceExtension stub;
    private final SenderProvider provider;

    StubHarness(SmsServiceExtension stub, SenderProvider provider) {
        this.stub = stub;
        this.provider = provider;
    }

    @Override
    public SenderProvider provider() {
        return provider;
    }

    @Override
    public Layer settings() {
        return stub.layer();
    }

    @Override
    public void failNextSendTransiently() {
        stub.failNextSend(SmsFault.serverError());
    }

    @Override
    public void failNextSendPermanently() {
        stub.failNextSend(SmsFault.invalidNumber());
    }

    @Override
    public void throttleNextSend(Duration retryAfter) {
        stub.failNextSend(SmsFault.throttled(retryAfter));
    }

    @Override
    public List<SmsMessage> received() {
        return stub.messages().stream().map(SentSms::toMessage).toList();
    }

    @Override
    public Set<String> secrets() {
        return Set.copyOf(stub.secrets());
    }

    @Override
    public String toString() {
        return "StubHarness[" + stub.providerId() + ", " + provider + "]";
    }
}
