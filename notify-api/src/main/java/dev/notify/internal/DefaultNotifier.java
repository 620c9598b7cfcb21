package dev.notify.internal;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.Notifier;
import dev.notify.SendRejectedException;
import dev.notify.SendResult;
import dev.notify.ServerNotifier;
import dev.notify.SettingsException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSource;
import dev.notify.spi.SenderProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Notifier}: resolves settings per send, routes to a shared sender, retries transient failures. */
public final class DefaultNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultNotifier.class);
    private static final AtomicInteger NOTIFIERS = new AtomicInteger();

    private final SettingsSource source;
    private final ProviderRegistry providers;
    private final SenderRegistry senders;
    private final ThreadPoolExecutor async;
    private final Set<AsyncSend> accepted = ConcurrentHashMap.newKeySet();
    private final Duration closeTimeout;
    private final ServerNotifier global;
    private volatile boolean closed;

    public DefaultNotifier(SettingsSource source, List<SenderProvider> explicit, boolean discover, ClassLoader loader,
            int asyncThreads, int asyncQueueCapacity, Duration closeTimeout) {
        this.source = source;
        this.providers = ProviderRegistry.create(explicit, discover, loader);
        this.senders = new SenderRegistry(providers);
        this.closeTimeout = closeTimeout;
        int id = NOTIFIERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.async = new ThreadPoolExecutor(asyncThreads, asyncThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(asyncQueueCapacity), r -> {
                    Thread t = new Thread(r, "notify-" + id + "-async-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.async.allowCoreThreadTimeOut(true);
        this.global = new Bound(null);
    }

    @Override
    public ServerNotifier global() {
        return global;
    }

    @Override
    public ServerNotifier server(String serverId) {
        source.current().resolve(serverId);
        return new Bound(serverId);
    }

    @Override
    public Set<String> providerIds(Channel channel) {
        return providers.ids(channel);
    }

    @Override
    public Optional<SenderProvider> provider(Channel channel, String id) {
        return providers.find(channel, id);
    }

    private ResolvedSettings resolve(Settings settings, String server) {
        return server == null ? settings.resolveGlobal() : settings.resolve(server);
    }

    SendResult send(String server, Channel channel, Message message) {
        if (closed) {
            throw new SendRejectedException("the notifier is closed");
        }
        return sendAccepted(server, channel, message);
    }

    /** Sends a message the notifier has already taken, so that close() lets queued sends finish. */
    private SendResult sendAccepted(String server, Channel channel, Message message) {
        long start = System.nanoTime();
        while (true) {
            Settings settings = source.current();
            ResolvedSettings resolved = resolve(settings, server);
            resolved.requireValid();
            boolean enabled = resolved.get(channel == Channel.EMAIL ? SettingKeys.EMAIL_ENABLED : SettingKeys.SMS_ENABLED);
            if (!enabled) {
                LOG.debug("{} is disabled for {}; nothing sent", channel, resolved.serverId().orElse("global"));
                return SendResult.disabled(channel, server);
            }
            SenderRegistry.Lease lease = senders.lease(settings, resolved, channel);
            if (lease == null) {
                if (senders.isClosed()) {
                    throw new SendRejectedException("the notifier is closed");
                }
                continue;
            }
            try (lease) {
                Message complete = message instanceof EmailMessage email ? complete(email, resolved)
                        : complete((SmsMessage) message, resolved);
                return deliver(server, channel, complete, resolved, lease, start);
            }
        }
    }

    private SendResult deliver(String server, Channel channel, Message message, ResolvedSettings resolved,
            SenderRegistry.Lease lease, long start) {
        return new Attempts(server, channel, RetryPolicy.from(resolved), lease.sender(), lease.providerId(), start)
                .run(message);
    }

    private static EmailMessage complete(EmailMessage message, ResolvedSettings settings) {
        if (message.from().isPresent() && message.messageId().isPresent()
                && (!message.replyTo().isEmpty() || settings.find(SettingKeys.EMAIL_REPLY_TO).isEmpty())) {
            return message;
        }
        EmailAddress from = message.from().orElseGet(() -> settings.get(SettingKeys.EMAIL_SENDER));
        String messageId = message.messageId().isPresent() ? null
                : MessageIds.generate(from.asciiAddress().substring(from.asciiAddress().lastIndexOf('@') + 1));
        return message.withDefaults(from, settings.find(SettingKeys.EMAIL_REPLY_TO).orElse(null), messageId);
    }

    private static SmsMessage complete(SmsMessage message, ResolvedSettings settings) {
        if (message.messageId().isPresent()) {
            return message;
        }
        String domain = settings.find(SettingKeys.SMS_SENDER)
                .or(() -> settings.find(SettingKeys.EMAIL_SENDER))
                .map(sender -> sender.asciiAddress().substring(sender.asciiAddress().lastIndexOf('@') + 1))
                .orElse("sms.notify.invalid");
        return message.withMessageId(MessageIds.generate(domain));
    }

    CompletableFuture<SendResult> sendAsync(String server, Channel channel, Message message) {
        if (closed) {
            throw new SendRejectedException("the notifier is closed");
        }
        AsyncSend task = new AsyncSend(server, channel, message);
        accepted.add(task);
        try {
            async.execute(task);
        } catch (RejectedExecutionException e) {
            accepted.remove(task);
            throw new SendRejectedException(closed ? "the notifier is closed"
                    : "the async queue is full (" + async.getQueue().size() + " waiting); send later or synchronously");
        }
        return task.future;
    }

    @Override
    public List<Message> shutdown(Duration timeout) {
        List<Message> undelivered = new ArrayList<>();
        synchronized (this) {
            if (closed && async.isTerminated()) {
                return undelivered;
            }
            closed = true;
        }
        async.shutdown();
        try {
            if (!async.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                List<AsyncSend> unfinished = List.copyOf(accepted);
                List<Runnable> queued = async.shutdownNow();
                for (Runnable task : queued) {
                    ((AsyncSend) task).future.completeExceptionally(
                            new SendRejectedException("the notifier closed before this message was sent"));
                }
                async.awaitTermination(1, TimeUnit.SECONDS);
                for (AsyncSend send : unfinished) {
                    if (!send.future.isDone() || send.future.isCompletedExceptionally()) {
                        undelivered.add(send.message);
                    }
                }
            }
        } catch (InterruptedException e) {
            async.shutdownNow();
            Thread.currentThread().interrupt();
        }
        senders.close();
        if (!undelivered.isEmpty()) {
            LOG.warn("Notifier closed with {} message(s) not delivered", undelivered.size());
        }
        return undelivered;
    }

    @Override
    public void close() {
        shutdown(closeTimeout);
    }

    private final class AsyncSend implements Runnable {
        private final String server;
        private final Channel channel;
        private final Message message;
        private final CompletableFuture<SendResult> future = new CompletableFuture<>();

        AsyncSend(String server, Channel channel, Message message) {
            this.server = server;
            this.channel = channel;
            this.message = message;
        }

        @Override
        public void run() {
            try {
                future.complete(sendAccepted(server, channel, message));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            } finally {
                accepted.remove(this);
            }
        }
    }

    private final class Bound implements ServerNotifier {
        private final String server;

        Bound(String server) {
            this.server = server;
        }

        @Override
        public Optional<String> serverId() {
            return Optional.ofNullable(server);
        }

        @Override
        public ResolvedSettings settings() {
            return resolve(source.current(), server);
        }

        @Override
        public SendResult sendEmail(EmailMessage message) {
            return send(server, Channel.EMAIL, message);
        }

        @Override
        public CompletableFuture<SendResult> sendEmailAsync(EmailMessage message) {
            return sendAsync(server, Channel.EMAIL, message);
        }

        @Override
        public SendResult sendSms(SmsMessage message) {
            return send(server, Channel.SMS, message);
        }

        @Override
        public CompletableFuture<SendResult> sendSmsAsync(SmsMessage message) {
            return sendAsync(server, Channel.SMS, message);
        }

        @Override
        public SendResult sendTestEmail(String to) {
            ResolvedSettings settings = settings();
            String name = server == null ? "the global settings" : "server " + server;
            String method = settings.get(SettingKeys.EMAIL_DELIVERY_METHOD);
            EmailMessage message = EmailMessage.builder()
                    .to(to)
                    .subject("notify test email for " + name)
                    .text("This is a test email from notify.\n\n"
                            + "Settings: " + name + "\n"
                            + "Delivery method: " + method + "\n"
                            + "Sent at: " + Instant.now() + "\n\n"
                            + "If you can read this, email delivery with these settings works.\n")
                    .build();
            return sendEmail(message);
        }

        @Override
        public CheckReport check() {
            if (closed) {
                throw new SendRejectedException("the notifier is closed");
            }
            while (true) {
                Settings settings = source.current();
                ResolvedSettings resolved = resolve(settings, server);
                resolved.requireValid();
                if (!resolved.get(SettingKeys.EMAIL_ENABLED)) {
                    return CheckReport.builder(resolved.get(SettingKeys.EMAIL_DELIVERY_METHOD))
                            .failure("email is disabled (" + resolved.fullKey(SettingKeys.EMAIL_ENABLED)
                                    + "=false); enable it to check delivery")
                            .build();
                }
                SenderRegistry.Lease lease = senders.lease(settings, resolved, Channel.EMAIL);
                if (lease == null) {
                    if (closed) {
                        throw new SendRejectedException("the notifier is closed");
                    }
                    continue;
                }
                try (lease) {
                    return lease.sender().check();
                }
            }
        }

        @Override
        public String toString() {
            return "ServerNotifier[" + (server == null ? "global" : server) + "]";
        }
    }
}
