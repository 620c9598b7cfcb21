package dev.notify.support;

import dev.notify.Channel;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;

/** A provider whose jar is broken: its constructor throws, as a missing dependency would make it. */
public final class BrokenProvider implements SenderProvider {

    public BrokenProvider() {
        throw new IllegalStateException("a class this provider needs is missing");
    }

    @Override
    public String id() {
        return "broken";
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public ProviderSettings settings() {
        return RelayKeys.SETTINGS;
    }

    @Override
    public Sender create(SenderContext context) {
        throw new UnsupportedOperationException();
    }
}
