package dev.notify.support;

import dev.notify.Channel;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;

/** Has the id {@code duplicate}, as {@link DuplicateIdProviderB} does; listed only by {@link ServiceFiles}. */
public class DuplicateIdProviderA implements SenderProvider {

    @Override
    public String id() {
        return "duplicate";
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
        throw new UnsupportedOperationException("never used to send");
    }
}
