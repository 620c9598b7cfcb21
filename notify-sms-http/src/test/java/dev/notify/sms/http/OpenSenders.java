package dev.notify.sms.http;

import dev.notify.settings.Layer;
import dev.notify.spi.SmsSender;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Senders a test opens, closed after it. Register in an instance field with {@code @RegisterExtension}. */
final class OpenSenders implements AfterEachCallback {

    private final HttpSmsProvider<?> provider;
    private final Clock clock;
    private final List<SmsSender> open = new ArrayList<>();

    OpenSenders(HttpSmsProvider<?> provider) {
        this(provider, Clock.systemUTC());
    }

    /** Senders whose context has {@code clock}, as a notifier built with that clock gives them. */
    OpenSenders(HttpSmsProvider<?> provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    /** A sender of the provider for {@code layer}. */
    SmsSender open(Layer layer) {
        SmsSender sender = StubSenders.sender(provider, layer, clock);
        open.add(sender);
        return sender;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(SmsSender::close);
        open.clear();
    }
}
