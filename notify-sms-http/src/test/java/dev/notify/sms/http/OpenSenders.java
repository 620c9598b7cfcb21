package dev.notify.sms.http;

import dev.notify.settings.Layer;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Senders a test opens, closed after it. Register in an instance field with {@code @RegisterExtension}. */
final class OpenSenders implements AfterEachCallback {

    private final SenderProvider provider;
    private final List<Sender> open = new ArrayList<>();

    OpenSenders(SenderProvider provider) {
        this.provider = provider;
    }

    /** A sender of the provider for {@code layer}. */
    Sender open(Layer layer) {
        Sender sender = StubSenders.sender(provider, layer);
        open.add(sender);
        return sender;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(Sender::close);
        open.clear();
    }
}
