package dev.notify.sms;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.DeliveryException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The email provider {@code counting}: records every send call and fails the first ones with the given
 * exceptions, to show how often the gateway calls the email sender.
 */
final class CountingEmailProvider implements SenderProvider {

    static final String ID = "counting";

    final List<EmailMessage> calls = new CopyOnWriteArrayList<>();
    private final Queue<DeliveryException> failures;

    CountingEmailProvider(DeliveryException... failFirst) {
        this.failures = new ConcurrentLinkedQueue<>(List.of(failFirst));
    }

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
        return ProviderSettings.none();
    }

    @Override
    public EmailSender create(SenderContext context) {
        return new EmailSender() {
            @Override
            public Delivery send(EmailMessage email) {
                calls.add(email);
                DeliveryException failure = failures.poll();
                if (failure != null) {
                    throw failure;
                }
                return new Delivery("<relay-id@relay.example>",
                        email.recipients().stream().map(EmailAddress::address).toList(), List.of(),
                        Map.of("relay.queue-id", "Q42"));
            }

            @Override
            public CheckReport check() {
                return CheckReport.builder(ID).item("calls", Integer.toString(calls.size())).build();
            }

            @Override
            public void close() {
            }
        };
    }
}
