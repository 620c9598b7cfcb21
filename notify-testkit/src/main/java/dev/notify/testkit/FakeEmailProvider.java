package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.RejectedRecipient;
import dev.notify.SendRejectedException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code fake} email provider: "sends" by recording into an {@link Outbox}, with the latency and failures its
 * {@link FakeBehaviour} asks for. Found with ServiceLoader when notify-testkit is on the class path; select it
 * with {@code email.delivery-method=fake}. Every instance has its own outbox and behaviour unless given shared
 * ones, and ServiceLoader makes new instances for every notifier, so parallel tests never share state.
 *
 * <p>This class is threadsafe.
 */
public final class FakeEmailProvider implements SenderProvider {

    /** The provider id, for {@code email.delivery-method} and {@code sms.delivery-method}. */
    public static final String ID = "fake";

    private final Outbox outbox;
    private final FakeBehaviour behaviour;

    /** A provider with an outbox of its own; used by ServiceLoader. */
    public FakeEmailProvider() {
        this(new Outbox());
    }

    /** A provider recording into {@code outbox}. */
    public FakeEmailProvider(Outbox outbox) {
        this(outbox, new FakeBehaviour(Channel.EMAIL));
    }

    private FakeEmailProvider(Outbox outbox, FakeBehaviour behaviour) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.behaviour = behaviour;
    }

    /** A builder for a provider with latency or failures from the start. */
    public static FakeProviderBuilder<FakeEmailProvider> builder() {
        return new FakeProviderBuilder<>(Channel.EMAIL, FakeEmailProvider::new);
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The behaviour of every sender of this provider; change it at any time. */
    public FakeBehaviour behaviour() {
        return behaviour;
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
        return new FakeEmailSender(outbox, behaviour);
    }

    @Override
    public String toString() {
        return "FakeEmailProvider[" + outbox + ", " + behaviour + "]";
    }

    private static final class FakeEmailSender implements EmailSender {
        private final Outbox outbox;
        private final FakeBehaviour behaviour;
        private volatile boolean closed;

        FakeEmailSender(Outbox outbox, FakeBehaviour behaviour) {
            this.outbox = outbox;
            this.behaviour = behaviour;
        }

        @Override
        public Delivery send(EmailMessage email) {
            if (closed) {
                throw new SendRejectedException("the fake email sender is closed");
            }
            String messageId = email.messageId().orElseThrow(() -> new IllegalArgumentException(
                    "the message has no Message-ID; a sender receives complete messages from the Notifier"));
            behaviour.beforeSend();
            List<EmailAddress> accepted = new ArrayList<>();
            List<RejectedRecipient> refused = new ArrayList<>();
            for (EmailAddress recipient : email.recipients()) {
                RejectedRecipient refusal = behaviour.refusal(recipient.address());
                if (refusal == null) {
                    accepted.add(recipient);
                } else {
                    refused.add(refusal);
                }
            }
            if (accepted.isEmpty()) {
                throw FakeBehaviour.allRefused(refused);
            }
            outbox.record(refused.isEmpty() ? email : onlyTo(email, accepted));
            return new Delivery(messageId, accepted.stream().map(EmailAddress::address).toList(), refused, Map.of());
        }

        private static EmailMessage onlyTo(EmailMessage email, List<EmailAddress> accepted) {
            EmailMessage.Builder b = EmailMessage.builder().subject(email.subject());
            email.from().ifPresent(b::from);
            email.to().stream().filter(accepted::contains).forEach(b::to);
            email.cc().stream().filter(accepted::contains).forEach(b::cc);
            email.bcc().stream().filter(accepted::contains).forEach(b::bcc);
            email.replyTo().forEach(b::replyTo);
            email.text().ifPresent(b::text);
            email.html().ifPresent(b::html);
            email.attachments().forEach(b::attach);
            email.headers().forEach(b::header);
            email.messageId().ifPresent(b::messageId);
            return b.build();
        }

        @Override
        public CheckReport check() {
            return CheckReport.builder(ID).item("outbox", outbox.toString())
                    .item("behaviour", behaviour.toString()).build();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
