package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.RejectedRecipient;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code fake} email provider: "sends" by recording into an {@link Outbox}, with the latency and failures its
 * {@link FakeBehaviour} asks for. A test registers it ({@code Notifier.builder().provider(new FakeEmailProvider())})
 * and selects it with {@code email.delivery-method=fake}; it is not registered for ServiceLoader, so it is never
 * installed, nor a channel's default, where a test did not ask for it. Every instance has its own outbox and
 * behaviour unless given shared ones, so parallel tests never share state.
 *
 * <p>This class is threadsafe.
 */
public final class FakeEmailProvider extends FakeProvider {

    /** The provider id, for {@code email.delivery-method} and {@code sms.delivery-method}. */
    public static final String ID = "fake";

    /** A provider with an outbox of its own. */
    public FakeEmailProvider() {
        this(new Outbox());
    }

    /** A provider recording into {@code outbox}. */
    public FakeEmailProvider(Outbox outbox) {
        this(outbox, new FakeBehaviour(Channel.EMAIL));
    }

    private FakeEmailProvider(Outbox outbox, FakeBehaviour behaviour) {
        super(Channel.EMAIL, outbox, behaviour);
    }

    /** A builder for a provider with latency or failures from the start. */
    public static FakeProviderBuilder<FakeEmailProvider> builder() {
        return new FakeProviderBuilder<>(Channel.EMAIL, FakeEmailProvider::new);
    }

    @Override
    public EmailSender create(SenderContext context) {
        return new FakeEmailSender(this);
    }

    private static final class FakeEmailSender extends FakeSender implements EmailSender {
        private final FakeEmailProvider provider;

        FakeEmailSender(FakeEmailProvider provider) {
            super(provider);
            this.provider = provider;
        }

        @Override
        public Delivery send(EmailMessage email) {
            requireOpen();
            return provider.record(email);
        }
    }

    private Delivery record(EmailMessage email) {
        FakeBehaviour behaviour = behaviour();
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
        outbox().record(refused.isEmpty() ? email : onlyTo(email, accepted));
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
}
