package dev.notify.internal;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.Scheduler;
import dev.notify.SettingsException;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.spi.Delivery;
import dev.notify.spi.EmailRelayProvider;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SendOutcome;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import dev.notify.spi.SmsSender;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The senders a notifier has built, one per channel, provider and value of the provider's settings sections,
 * shared by every server with equal values. When the settings change, senders no server uses any more are
 * retired: closed as soon as the sends using them have finished.
 */
final class SenderRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SenderRegistry.class);

    /** For an {@link EmailRelayProvider}, {@code email} is the key of the email sender it delivers through. */
    private record Key(Channel channel, String providerId, Map<String, Object> section, Key email) {
    }

    /** A route that failed validation, cached like a good one until the settings change. */
    private record Invalid(SettingsException error) {
    }

    private final SettingsSchema schema;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<Key, Handle> handles = new ConcurrentHashMap<>();
    private final Map<ResolvedSettings, Map<Channel, Object>> routes = new ConcurrentHashMap<>();
    private volatile Settings current;
    private boolean closed;

    SenderRegistry(SettingsSchema schema, Clock clock, Scheduler scheduler) {
        this.schema = schema;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Acquires the sender for a channel of {@code resolved}, which must come from {@code settings}.
     *
     * @return the lease, or null when {@code settings} were replaced meanwhile: resolve again and retry
     * @throws SettingsException when the settings are invalid or name no installed provider
     */
    Lease lease(Settings settings, ResolvedSettings resolved, Channel channel) {
        if (settings != current) {
            reconcile(settings);
        }
        Map<Channel, Object> byChannel = routes.computeIfAbsent(resolved, r -> new ConcurrentHashMap<>());
        Object route = byChannel.get(channel);
        if (route == null) {
            route = route(settings, resolved, channel);
            if (route == null) {
                return null;
            }
            byChannel.put(channel, route);
        }
        if (route instanceof Invalid invalid) {
            throw invalid.error;
        }
        Handle handle = (Handle) route;
        if (!handle.acquire()) {
            routes.remove(resolved);
            return null;
        }
        if (handle.email != null && !handle.email.acquire()) {
            handle.release();
            routes.remove(resolved);
            return null;
        }
        return new Lease(handle);
    }

    private synchronized Object route(Settings settings, ResolvedSettings resolved, Channel channel) {
        if (settings != current || closed) {
            return null;
        }
        try {
            return handleFor(resolved, channel);
        } catch (SettingsException e) {
            return new Invalid(e);
        }
    }

    private Handle handleFor(ResolvedSettings resolved, Channel channel) {
        Key key = key(resolved, channel);
        Handle existing = handles.get(key);
        if (existing != null) {
            return existing;
        }
        SenderProvider provider = schema.provider(channel, key.providerId).orElseThrow();
        Handle email = key.email == null ? null : handleFor(resolved, Channel.EMAIL);
        SenderContext context = new SenderContext(resolved, clock, scheduler);
        Sender sender;
        try {
            sender = provider instanceof EmailRelayProvider relay ? relay.create(context, (EmailSender) email.sender)
                    : provider.create(context);
        } catch (SettingsException e) {
            throw new SettingsException(e.problems(), resolved.serverId().orElse(null), provider.id(), e);
        }
        Class<? extends Sender> type = channel == Channel.EMAIL ? EmailSender.class : SmsSender.class;
        if (!type.isInstance(sender)) {
            closeQuietly(sender, key);
            throw new IllegalStateException("the " + channel + " provider '" + provider.id() + "' ("
                    + provider.getClass().getName() + ") created " + (sender == null ? "null" : "a "
                    + sender.getClass().getName()) + ", which is not an " + type.getSimpleName());
        }
        Handle handle = new Handle(key, sender, email);
        handles.put(key, handle);
        LOG.debug("Created {} sender {} for {}", channel, provider.id(), resolved.serverId().orElse("global"));
        return handle;
    }

    private Key key(ResolvedSettings resolved, Channel channel) {
        resolved.requireValid(channel);
        SettingKey<String> methodKey = SettingKeys.deliveryMethod(channel);
        SenderProvider provider = resolved.find(methodKey).flatMap(method -> schema.provider(channel, method))
                .orElseThrow(() -> new SettingsException(List.of(resolved.problem(methodKey, "names no installed "
                        + channel.name().toLowerCase(Locale.ROOT) + " provider; installed: "
                        + String.join(", ", schema.providerIds(channel)))), resolved.serverId().orElse(null), null, null));
        Key email = null;
        if (provider instanceof EmailRelayProvider) {
            if (!resolved.get(SettingKeys.EMAIL_ENABLED)) {
                throw new SettingsException(List.of(resolved.problem(SettingKeys.EMAIL_ENABLED,
                        "is false, but the SMS provider '" + provider.id() + "' delivers SMS through email")),
                        resolved.serverId().orElse(null), provider.id(), null);
            }
            email = key(resolved, Channel.EMAIL);
        }
        return new Key(channel, provider.id(), resolved.values(provider.settings().keys()), email);
    }

    private synchronized void reconcile(Settings settings) {
        if (settings == current || closed) {
            return;
        }
        current = settings;
        routes.clear();
        if (handles.isEmpty()) {
            return;
        }
        Set<Key> live = new HashSet<>();
        addLiveKeys(settings.resolveGlobal(schema), live);
        for (String server : settings.serverIds()) {
            addLiveKeys(settings.resolve(server, schema), live);
        }
        for (Map.Entry<Key, Handle> e : Map.copyOf(handles).entrySet()) {
            if (!live.contains(e.getKey())) {
                handles.remove(e.getKey());
                e.getValue().retire();
                LOG.debug("Settings changed: retiring {} sender {}", e.getKey().channel, e.getKey().providerId);
            }
        }
    }

    private void addLiveKeys(ResolvedSettings resolved, Set<Key> live) {
        for (Channel channel : Channel.values()) {
            try {
                live.add(key(resolved, channel));
            } catch (SettingsException e) {
                // An invalid or unused channel keeps no sender alive.
            }
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
        routes.clear();
        handles.values().forEach(Handle::retire);
        handles.clear();
    }

    private static void closeQuietly(Sender sender, Key key) {
        if (sender == null) {
            return;
        }
        try {
            sender.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the {} sender {} failed: {}", key.channel, key.providerId, e.toString());
        }
    }

    /** A sender in use by one send; closing it lets a retired sender close. */
    static final class Lease implements AutoCloseable {
        private final Handle handle;

        private Lease(Handle handle) {
            this.handle = handle;
        }

        /**
         * One attempt with the sender, typed by the message's channel; {@code queued} for a message that waited in a
         * queue ({@link EmailSender#sendQueued}).
         */
        Delivery send(Message message, boolean queued) {
            if (message instanceof EmailMessage email) {
                EmailSender sender = (EmailSender) handle.sender;
                return queued ? sender.sendQueued(email) : sender.send(email);
            }
            return ((SmsSender) handle.sender).send((SmsMessage) message);
        }

        /** The emails in one call to the sender ({@link EmailSender#sendQueued(List)}). */
        List<SendOutcome> sendQueued(List<EmailMessage> messages) {
            return ((EmailSender) handle.sender).sendQueued(messages);
        }

        /** Whether both leases are on the same sender, so that their messages can go to it together. */
        boolean sameSender(Lease other) {
            return handle.sender == other.handle.sender;
        }

        CheckReport check() {
            return handle.sender.check();
        }

        String providerId() {
            return handle.key.providerId;
        }

        @Override
        public void close() {
            if (handle.email != null) {
                handle.email.release();
            }
            handle.release();
        }
    }

    private static final class Handle {
        private final Key key;
        private final Sender sender;
        private final Handle email;
        private int inFlight;
        private boolean retired;
        private boolean closed;

        Handle(Key key, Sender sender, Handle email) {
            this.key = key;
            this.sender = sender;
            this.email = email;
        }

        synchronized boolean acquire() {
            if (retired) {
                return false;
            }
            inFlight++;
            return true;
        }

        void release() {
            boolean close;
            synchronized (this) {
                inFlight--;
                close = retired && inFlight == 0 && !closed;
                closed |= close;
            }
            if (close) {
                closeSender();
            }
        }

        void retire() {
            boolean close;
            synchronized (this) {
                retired = true;
                close = inFlight == 0 && !closed;
                closed |= close;
            }
            if (close) {
                closeSender();
            }
        }

        private void closeSender() {
            closeQuietly(sender, key);
        }
    }
}
