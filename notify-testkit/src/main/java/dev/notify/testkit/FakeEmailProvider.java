package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.spi.Delivery;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code fake} email provider: "sends" by recording into an {@link Outbox}. Found with ServiceLoader when
 * notify-testkit is on the class path; select it with {@code email.delivery-method=fake}.
 *
 * <p>This class is threadsafe.
 */
public final class FakeEmailProvider implements SenderProvider {

    /** The provider id, for {@code email.delivery-method} and {@code sms.delivery-method}. */
    public static final String ID = "fake";

    private final Outbox outbox;

    /** A provider with an outbox of its own; used by ServiceLoader. */
    public FakeEmailProvider() {
        this(new Outbox());
    }

    /** A provider recording into {@code outbox}. */
    public FakeEmailProvider(Outbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    public Outbox outbox() {
        return outbox;
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
    public Set<String> settingsSections() {
        return Set.of();
    }

    @Override
    public Sender create(SenderContext context) {
        return new FakeSender(outbox);
    }

    private static final class FakeSender implements Sender {
        private final Outbox outbox;
        private volatile boolean closed;

        FakeSender(Outbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public Delivery send(Message message) {
            if (closed) {
                throw new IllegalStateException("sender is closed");
            }
            EmailMessage email = (EmailMessage) message;
            outbox.record(email);
            return Delivery.accepted(email.messageId().orElseThrow(),
                    email.recipients().stream().map(EmailAddress::address).toList());
        }

        @Override
        public CheckReport check() {
            return CheckReport.builder(ID).item("outbox", outbox.toString()).build();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
