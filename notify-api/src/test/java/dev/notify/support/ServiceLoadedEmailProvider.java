package dev.notify.support;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.message.Message;
import dev.notify.spi.Delivery;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;

/** Registered in this module's test {@code META-INF/services}, so ServiceLoader finds it. */
public final class ServiceLoadedEmailProvider implements SenderProvider {

    public static final String ID = "service-loaded";

    @Override
    public String id() {
        return ID;
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
        return new Sender() {
            @Override
            public Delivery send(Message message) {
                return RecordingProvider.accept(message, 1).withDetail("sent-by", ServiceLoadedEmailProvider.class.getName());
            }

            @Override
            public CheckReport check() {
                return CheckReport.builder(ID).build();
            }

            @Override
            public void close() {
            }
        };
    }
}
