package dev.notify.support;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.message.EmailMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.EmailSender;
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
    public EmailSender create(SenderContext context) {
        return new EmailSender() {
            @Override
            public Delivery send(EmailMessage message) {
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
