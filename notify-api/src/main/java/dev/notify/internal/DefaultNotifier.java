package dev.notify.internal;

import dev.notify.AttemptOutcome;
import dev.notify.AttemptPlan;
import dev.notify.Channel;
import dev.notify.ChannelStatus;
import dev.notify.CheckReport;
import dev.notify.DeliveryTracker;
import dev.notify.Notifier;
import dev.notify.PlannedAttempt;
import dev.notify.Scheduler;
import dev.notify.SendListener;
import dev.notify.SendRejectedException;
import dev.notify.SendResult;
import dev.notify.ServerNotifier;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.settings.SettingsSource;
import dev.notify.spi.SenderProvider;
import dev.notify.spi.SettingsExtension;
import dev.notify.template.RenderedTemplate;
import dev.notify.template.TemplateEngine;
import dev.notify.template.TemplateKeys.Part;
import dev.notify.template.TemplateMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Notifier}: resolves settings per attempt, routes to a shared sender, retries transient failures. A
 * synchronous send waits between attempts in the caller's thread; an asynchronous one is resumed by the
 * scheduler and holds no thread while it waits.
 */
public final class DefaultNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultNotifier.class);
    private static final AtomicInteger NOTIFIERS = new AtomicInteger();

    private final NotifierCore core;
    private final Scheduler scheduler;
    private final DefaultScheduler ownScheduler;
    private final ThreadPoolExecutor async;
    private final Semaphore asyncCapacity;
    private final Set<AsyncSend> accepted = ConcurrentHashMap.newKeySet();
    private final Duration closeTimeout;
    private final ServerNotifier global;
    private final TemplateRenderer templates = new TemplateRenderer();
    private volatile boolean closed;

    /** Everything a notifier is built from; see {@code NotifierBuilder}. */
    public record Options(SettingsSource source, List<SenderProvider> providers, List<SettingsExtension> extensions,
            boolean discover, ClassLoader loader, int asyncThreads, int asyncQueueCapacity, Duration closeTimeout,
            List<SendListener> listeners, Clock clock, Scheduler scheduler, TemplateEngine templateEngine) {
    }

    public DefaultNotifier(Options o) {
        SettingsSchema discovered = o.discover() ? SettingsSchema.discover(o.providers(), o.extensions(), o.loader())
                : SettingsSchema.of(o.providers(), o.extensions());
        SettingsSchema schema = o.templateEngine() == discovered.templateEngine() ? discovered
                : discovered.withTemplateEngine(o.templateEngine());
        int id = NOTIFIERS.incrementAndGet();
        this.ownScheduler = o.scheduler() == null ? new DefaultScheduler("notify-" + id + "-scheduler") : null;
        this.scheduler = o.scheduler() == null ? ownScheduler : o.scheduler();
        Listeners listeners = new Listeners(o.listeners());
        this.core = new NotifierCore(o.source(), schema, new SenderRegistry(schema, o.clock(), scheduler),
                listeners, o.clock(), new ReceiptTracker(o.clock(), listeners));
        this.closeTimeout = o.closeTimeout();
        AtomicInteger threads = new AtomicInteger();
        this.async = new ThreadPoolExecutor(o.asyncThreads(), o.asyncThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "notify-" + id + "-async-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.async.allowCoreThreadTimeOut(true);
        this.asyncCapacity = new Semaphore(o.asyncThreads() + o.asyncQueueCapacity());
        this.global = new Bound(null);
    }

    @Override
    public ServerNotifier global() {
        return global;
    }

    @Override
    public ServerNotifier server(String serverId) {
        core.resolve(core.source().current(), serverId);
        return new Bound(serverId);
    }

    @Override
    public SettingsSchema schema() {
        return core.schema();
    }

    @Override
    public Set<String> providerIds(Channel channel) {
        return core.schema().providerIds(channel);
    }

    @Override
    public Clock clock() {
        return core.clock();
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public DeliveryTracker deliveries() {
        return core.deliveries();
    }

    @Override
    public Optional<SenderProvider> provider(Channel channel, String id) {
        return core.schema().provider(channel, id);
    }

    SendResult send(String server, Channel channel, Message message) {
        Send send = new Send(core, server, channel, message);
        if (closed) {
            throw reject(send, "the notifier is closed");
        }
        while (true) {
            Send.Step step = send.attempt();
            if (step instanceof Send.Done done) {
                return done.result();
            }
            if (step instanceof Send.Failed failed) {
                throw failed.exception();
            }
            try {
                scheduler.sleep(((Send.Retry) step).delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SendRejectedException("interrupted while waiting to retry; the message was not delivered");
            }
        }
    }

    AttemptOutcome attempt(String server, Message message, AttemptPlan plan) {
        Objects.requireNonNull(plan, "plan");
        Channel channel = message instanceof EmailMessage ? Channel.EMAIL : Channel.SMS;
        Send send = new Send(core, server, channel, message, plan, true);
        if (closed) {
            throw reject(send, "the notifier is closed");
        }
        Send.Step step = send.attempt();
        if (step instanceof Send.Failed failed && failed.exception() instanceof SendRejectedException rejected) {
            throw rejected;
        }
        return Attempts.outcome(send, step);
    }

    List<AttemptOutcome> attempt(String server, List<PlannedAttempt> attempts,
            Predicate<List<PlannedAttempt.Accepted>> recordDelivered) {
        Objects.requireNonNull(recordDelivered, "recordDelivered");
        if (closed) {
            throw new SendRejectedException("the notifier is closed");
        }
        return Attempts.together(core, server, attempts, recordDelivered);
    }

    CompletableFuture<SendResult> sendAsync(String server, Channel channel, Message message) {
        Send send = new Send(core, server, channel, message, null, true);
        if (closed) {
            throw reject(send, "the notifier is closed");
        }
        if (!asyncCapacity.tryAcquire()) {
            throw reject(send, "the async queue is full (" + async.getQueue().size()
                    + " waiting); send later or synchronously");
        }
        AsyncSend task = new AsyncSend(send);
        accepted.add(task);
        if (closed) {
            task.finish();
            throw reject(send, "the notifier is closed");
        }
        task.submit();
        return task.future;
    }

    private SendRejectedException reject(Send send, String why) {
        SendRejectedException e = new SendRejectedException(why);
        send.rejected(e);
        return e;
    }

    @Override
    public List<Message> shutdown(Duration timeout) {
        synchronized (this) {
            if (closed && async.isShutdown()) {
                return List.of();
            }
            closed = true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Message> undelivered = new ArrayList<>();
        try {
            for (AsyncSend send : List.copyOf(accepted)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    send.future.get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                        | java.util.concurrent.CancellationException e) {
                    // Collected below when it did not finish.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<AsyncSend> unfinished = accepted.stream().filter(send -> !send.future.isDone()).toList();
        async.shutdownNow();
        for (AsyncSend send : unfinished) {
            send.abandon();
            undelivered.add(send.send.message());
        }
        try {
            async.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownScheduler != null) {
            ownScheduler.shutdown();
        }
        core.senders().close();
        if (!undelivered.isEmpty()) {
            LOG.warn("Notifier closed with {} message(s) not delivered", undelivered.size());
        }
        return undelivered;
    }

    @Override
    public void close() {
        shutdown(closeTimeout);
    }

    /** An asynchronous send: one attempt per run on the pool, resumed by the scheduler after a wait. */
    private final class AsyncSend implements Runnable {
        private final Send send;
        private final CompletableFuture<SendResult> future = new CompletableFuture<>();
        private volatile Scheduler.Cancellable retry;
        private volatile boolean running;

        AsyncSend(Send send) {
            this.send = send;
        }

        void submit() {
            try {
                async.execute(this);
            } catch (RejectedExecutionException e) {
                abandon();
            }
        }

        @Override
        public void run() {
            if (future.isDone()) {
                return;
            }
            running = true;
            try {
                Send.Step step = send.attempt();
                if (step instanceof Send.Done done) {
                    future.complete(done.result());
                    finish();
                } else if (step instanceof Send.Failed failed) {
                    future.completeExceptionally(failed.exception());
                    finish();
                } else {
                    retry = scheduler.schedule(this::submit, ((Send.Retry) step).delay());
                }
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
                finish();
            } finally {
                running = false;
            }
        }

        /** Ends a send that is queued or waiting to retry; a running attempt ends by itself once interrupted. */
        void abandon() {
            Scheduler.Cancellable pending = retry;
            if (pending != null) {
                pending.cancel();
            }
            if (running) {
                return;
            }
            future.completeExceptionally(new SendRejectedException("the notifier closed before this message was sent"));
            finish();
        }

        void finish() {
            if (accepted.remove(this)) {
                asyncCapacity.release();
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
            return core.resolve(core.source().current(), server);
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
        public AttemptOutcome attempt(Message message, AttemptPlan plan) {
            return DefaultNotifier.this.attempt(server, Objects.requireNonNull(message, "message"), plan);
        }

        @Override
        public List<AttemptOutcome> attempt(List<PlannedAttempt> attempts,
                Predicate<List<PlannedAttempt.Accepted>> recordDelivered) {
            return DefaultNotifier.this.attempt(server, List.copyOf(attempts), recordDelivered);
        }

        @Override
        public RenderedTemplate render(TemplateMessage message) {
            return render(message, TemplateRenderer.ALL);
        }

        private RenderedTemplate render(TemplateMessage message, Set<Part> parts) {
            return templates.render(settings(), core.schema().templateEngine(), Objects.requireNonNull(message,
                    "message"), parts);
        }

        @Override
        public SendResult sendEmail(TemplateMessage message) {
            return sendEmail(TemplateRenderer.email(render(message, TemplateRenderer.EMAIL)));
        }

        @Override
        public CompletableFuture<SendResult> sendEmailAsync(TemplateMessage message) {
            return sendEmailAsync(TemplateRenderer.email(render(message, TemplateRenderer.EMAIL)));
        }

        @Override
        public SendResult sendSms(TemplateMessage message) {
            return sendSms(TemplateRenderer.sms(render(message, TemplateRenderer.SMS)));
        }

        @Override
        public SendResult sendTestEmail(String to) {
            ResolvedSettings settings = settings();
            TemplateMessage message = TemplateMessage.of("test-email", Locale.ROOT).to(to)
                    .with("server", server)
                    .with("method", settings.find(SettingKeys.EMAIL_DELIVERY_METHOD).orElse(null))
                    .with("sent-at", core.clock().instant().toString());
            return sendEmail(message);
        }

        @Override
        public CheckReport check() {
            return check(Channel.EMAIL);
        }

        @Override
        public CheckReport check(Channel channel) {
            if (closed) {
                throw new SendRejectedException("the notifier is closed");
            }
            while (true) {
                Settings settings = core.source().current();
                ResolvedSettings resolved = core.resolve(settings, server);
                resolved.requireValid(channel);
                String name = channel.name().toLowerCase(Locale.ROOT);
                if (!resolved.get(SettingKeys.enabled(channel))) {
                    return CheckReport.builder(resolved.find(SettingKeys.deliveryMethod(channel)).orElse("none"))
                            .failure(name + " is disabled (" + resolved.fullKey(SettingKeys.enabled(channel))
                                    + "=false); enable it to check delivery")
                            .build();
                }
                SenderRegistry.Lease lease = core.senders().lease(settings, resolved, channel);
                if (lease == null) {
                    if (closed) {
                        throw new SendRejectedException("the notifier is closed");
                    }
                    continue;
                }
                try (lease) {
                    return lease.check();
                }
            }
        }

        @Override
        public ChannelStatus status(Channel channel) {
            ResolvedSettings resolved = settings();
            return new ChannelStatus(channel, resolved.get(SettingKeys.enabled(channel)),
                    resolved.find(SettingKeys.deliveryMethod(channel)), resolved.problems(channel));
        }

        @Override
        public String toString() {
            return "ServerNotifier[" + (server == null ? "global" : server) + "]";
        }
    }
}
