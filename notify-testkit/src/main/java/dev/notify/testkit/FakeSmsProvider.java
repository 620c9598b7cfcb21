package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code fake} SMS provider: records SMS into an {@link Outbox} instead of sending them. Select it with
 * {@code sms.delivery-method=fake}.
 *
 * <p>This class is threadsafe.
 */
public final class FakeSmsProvider implements SenderProvider {

    private final Outbox outbox;

    /** A provider with an outbox of its own; used by ServiceLoader. */
    public FakeSmsProvider() {
        this(new Outbox());
    }

    public FakeSmsProvider(Outbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    public Outbox outbox() {
        return outbox;
    }

    @Override
    public String id() {
        return FakeEmailProvider.ID;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Set<String> settingsSections() {
        return Set.of();
    }

    @Override
    public Sender create(SenderContext context) {
        return new Sender() {
            @Override
            public Delivery send(Message message) {
                SmsMessage sms = (SmsMessage) message;
                outbox.record(sms);
                return Delivery.accepted("fake-sms-" + UUID.randomUUID(), List.of(sms.phoneNumber()));
            }

            @Override
            public CheckReport check() {
                return CheckReport.builder(FakeEmailProvider.ID).item("outbox", outbox.toString()).build();
            }

            @Override
            public void close() {
            }
        };
    }
}
