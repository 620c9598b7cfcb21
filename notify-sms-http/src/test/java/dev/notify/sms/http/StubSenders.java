package dev.notify.sms.http;

import dev.notify.Channel;
import dev.notify.settings.Layer;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Settings;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SmsSender;
import dev.notify.testkit.sms.SmsServiceExtension;
import dev.notify.testkit.time.ManualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;

/** Senders of a provider for a stub's settings, with some keys changed. */
final class StubSenders {

    private StubSenders() {
    }

    /** The stub's global layer with {@code key=value} changes; an empty value clears the key. */
    static Layer layer(SmsServiceExtension stub, String... changes) {
        Layer.Builder layer = Layer.builder(stub.layer());
        for (String change : changes) {
            int eq = change.indexOf('=');
            layer.set(change.substring(0, eq), change.substring(eq + 1));
        }
        return layer.build();
    }

    static ResolvedSettings resolved(Layer layer) {
        return Settings.of(layer).resolveGlobal().requireValid(Channel.SMS);
    }

    static SmsSender sender(HttpSmsProvider<?> provider, Layer layer) {
        return sender(provider, layer, Clock.systemUTC());
    }

    /** A sender whose context's clock, which it reads {@code Retry-After} dates against, is {@code clock}. */
    static SmsSender sender(HttpSmsProvider<?> provider, Layer layer, Clock clock) {
        return provider.create(new SenderContext(resolved(layer), clock, ManualScheduler.startingAt(clock.instant())));
    }

    /** A loopback port nothing listens on. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
