package dev.notify.support;

import dev.notify.Channel;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.Set;

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
    public Set<String> settingsSections() {
        return Set.of("email.smtp");
    }

    @Override
    public Sender create(SenderContext context) {
        throw new UnsupportedOperationException("never used to send");
    }
}
