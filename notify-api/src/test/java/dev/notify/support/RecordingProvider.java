package dev.notify.support;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.spi.Delivery;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SmsSender;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SendOutcome;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider for notify-api's own tests (notify-testkit would be a build cycle): records every sender it
 * creates and every attempt made, and answers each attempt with a scriptable {@link Behaviour}.
 */
public final class RecordingProvider implements SenderProvider {

    /** How a sender answers the n-th attempt (counted from 1 across all senders of this provider). */
    @FunctionalInterface
    public interface Behaviour {
        Delivery respond(Message message, int attempt);
    }

    /** One call of {@link Sender#send}: the message, the sender's SMTP host and when it happened. */
    public record Attempt(Message message, String host, long nanoTime, boolean queued) {
        public EmailMessage email() {
            return (EmailMessage) message;
        }
    }

    private final String id;
    private final Channel channel;
    private final ProviderSettings settings;
    private volatile boolean channelDefault = true;
    private volatile String artifact;
    private final List<RecordingSender> senders = new CopyOnWriteArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final List<Integer> batches = new CopyOnWriteArrayList<>();
    private final AtomicInteger attemptCount = new AtomicInteger();
    private volatile Behaviour behaviour = RecordingProvider::accept;

    public RecordingProvider(String id, Channel channel, ProviderSettings settings) {
        this.id = id;
        this.channel = channel;
        this.settings = settings;
    }

    /** An email provider reading the {@link RelayKeys}, the channel default. */
    public static RecordingProvider email(String id) {
        return new RecordingProvider(id, Channel.EMAIL, RelayKeys.SETTINGS);
    }

    /** An SMS provider reading no keys of its own, the channel default. */
    public static RecordingProvider sms(String id) {
        return new RecordingProvider(id, Channel.SMS, ProviderSettings.none());
    }

    /** Whether this provider claims its channel when the delivery method is not set (true by default). */
    /** Declares the module's Maven coordinates. */
    public RecordingProvider artifact(String coordinates) {
        this.artifact = coordinates;
        return this;
    }

    @Override
    public java.util.Optional<String> artifact() {
        return java.util.Optional.ofNullable(artifact);
    }

    public RecordingProvider channelDefault(boolean isDefault) {
        this.channelDefault = isDefault;
        return this;
    }

    public RecordingProvider behaviour(Behaviour newBehaviour) {
        this.behaviour = newBehaviour;
        return this;
    }

    /** Accepts every recipient. */
    public static Delivery accept(Message message, int attempt) {
        if (message instanceof EmailMessage email) {
            return Delivery.accepted(email.messageId().orElseThrow(),
                    email.recipients().stream().map(EmailAddress::asciiAddress).toList());
        }
        SmsMessage sms = (SmsMessage) message;
        return Delivery.accepted("sms-" + attempt, List.of(sms.phoneNumber()));
    }

    public List<RecordingSender> senders() {
        return List.copyOf(senders);
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The sizes of the lists of messages given to {@code sendQueued(List)}, in order. */
    public List<Integer> batches() {
        return List.copyOf(batches);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public ProviderSettings settings() {
        return RelayKeys.SETTINGS;
    }

    @Override
    public Sender create(SenderContext context) {
        RecordingSender sender = new RecordingSender(context.settings());
        senders.add(sender);
        return sender;
    }

    @Override
    public String toString() {
        return "RecordingProvider[" + id + "]";
    }

    /** A sender that records; {@link #isClosed()} tells whether the notifier released it. */
    public final class RecordingSender implements EmailSender, SmsSender {
        private final ResolvedSettings settings;
        private final AtomicBoolean closed = new AtomicBoolean();

        RecordingSender(ResolvedSettings settings) {
            this.settings = settings;
        }

        public ResolvedSettings settings() {
            return settings;
        }

        public String host() {
            return settings.find(RelayKeys.HOST).orElse(null);
        }

        public boolean isClosed() {
            return closed.get();
        }

        @Override
        public Delivery send(EmailMessage message) {
            return record(message, false);
        }

        @Override
        public Delivery sendQueued(EmailMessage message) {
            return record(message, true);
        }

        @Override
        public List<SendOutcome> sendQueued(List<EmailMessage> messages) {
            batches.add(messages.size());
            return EmailSender.super.sendQueued(messages);
        }

        @Override
        public Delivery send(SmsMessage message) {
            return record(message, false);
        }

        private Delivery record(Message message, boolean queued) {
            if (closed.get()) {
                throw new IllegalStateException("send after close");
            }
            attempts.add(new Attempt(message, host(), System.nanoTime(), queued));
            return behaviour.respond(message, attemptCount.incrementAndGet());
        }

        @Override
        public CheckReport check() {
            return CheckReport.builder(id).item("host", String.valueOf(host())).build();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
