package dev.notify.spring.boot.observation;

import dev.notify.Channel;
import dev.notify.RejectedRecipient;
import dev.notify.SendEvent;
import dev.notify.SendListener;
import dev.notify.SendStatus;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Observes every send with Micrometer: an observation {@code notify.send} from the first attempt to the send's
 * end (waits between attempts included), a child observation {@code notify.send.attempt} per attempt, and an
 * event {@code retries} on the send for each failed attempt that is retried. With Spring Boot's metrics these
 * become the timers {@code notify.send} and {@code notify.send.attempt} and the counter
 * {@code notify.send.retries}; with tracing, a span per send and per attempt. Tags: see
 * {@link DefaultNotifySendObservationConvention}. A send refused before any attempt (disabled channel, invalid
 * settings, full queue) is a {@code notify.send} observation with the outcome {@code disabled} or {@code rejected}.
 *
 * <p>Nothing is written into the outgoing message: no trace header is added, and no observation scope is open
 * while a provider sends.
 *
 * <p>A send's attempt and its outcome are reported on one thread; between attempts the send is found again by
 * channel, server and Message-ID. This class is threadsafe.
 */
public final class NotifyObservationListener implements SendListener, AutoCloseable {

    /** Sends waiting for their next attempt that are tracked; further ones end their observation at once. */
    static final int MAX_WAITING = 10_000;

    private static final NotifySendObservationConvention DEFAULT = new DefaultNotifySendObservationConvention();
    private static final DefaultNotifySendObservationConvention ATTEMPTS = DefaultNotifySendObservationConvention.attempts();

    private final ObservationRegistry registry;
    private final NotifySendObservationConvention convention;
    private final boolean includeAddresses;
    private final ThreadLocal<InFlight> attempting = new ThreadLocal<>();
    private final Map<Key, InFlight> waiting = new ConcurrentHashMap<>();

    private record Key(Channel channel, Optional<String> server, Optional<String> messageId) {
        static Key of(SendEvent event) {
            return new Key(event.channel(), event.serverId(), event.messageId());
        }
    }

    /**
     * @param registry         where observations go
     * @param convention       names and tags {@code notify.send}; null for the default
     * @param includeAddresses whether accepted and refused addresses become high-cardinality key values (traces
     *                         only); addresses are personal data
     */
    public NotifyObservationListener(ObservationRegistry registry, NotifySendObservationConvention convention,
            boolean includeAddresses) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.convention = convention;
        this.includeAddresses = includeAddresses;
    }

    @Override
    public boolean wantsPersonalData() {
        return includeAddresses;
    }

    @Override
    public void onEvent(SendEvent event) {
        switch (event.kind()) {
            case ATTEMPT_STARTED -> attemptStarted(event);
            case ATTEMPT_FAILED -> attemptFailed(event);
            case DELIVERED -> {
                InFlight send = sending(event);
                send.endAttempt(event, "success");
                String outcome = event.status().orElse(SendStatus.ACCEPTED) == SendStatus.PARTIALLY_ACCEPTED
                        ? "partially-delivered" : "delivered";
                send.end(event, outcome);
            }
            case GAVE_UP -> {
                InFlight send = sending(event);
                send.endAttempt(event, "failed");
                send.end(event, "gave-up");
            }
            case REJECTED -> {
                InFlight send = event.attempt() > 0 ? waiting.remove(Key.of(event)) : null;
                String outcome = event.status().filter(s -> s == SendStatus.CHANNEL_DISABLED).isPresent()
                        ? "disabled" : "rejected";
                (send != null ? send : start(event)).end(event, outcome);
            }
        }
    }

    private void attemptStarted(SendEvent event) {
        InFlight previous = attempting.get();
        if (previous != null) {
            previous.end(event, "unknown");
        }
        InFlight send = event.attempt() > 1 ? waiting.remove(Key.of(event)) : null;
        if (send == null) {
            send = start(event);
        }
        send.startAttempt(event);
        attempting.set(send);
    }

    private void attemptFailed(SendEvent event) {
        InFlight send = sending(event);
        if (!event.willRetry()) {
            send.endAttempt(event, "failed");
            attempting.set(send);
            return;
        }
        send.endAttempt(event, "retried");
        send.observation.event(Observation.Event.of(DefaultNotifySendObservationConvention.RETRIES));
        if (waiting.size() >= MAX_WAITING) {
            send.end(event, "unknown");
        } else {
            waiting.put(Key.of(event), send);
        }
    }

    /** The send whose attempt this thread is making, or the one waiting with the event's key. */
    private InFlight sending(SendEvent event) {
        InFlight send = attempting.get();
        attempting.remove();
        if (send != null && send.context.channel() == event.channel()
                && send.context.serverId().equals(event.serverId())) {
            return send;
        }
        InFlight waited = waiting.remove(Key.of(event));
        return waited != null ? waited : start(event);
    }

    private InFlight start(SendEvent event) {
        NotifySendContext context = new NotifySendContext(event.channel(), event.serverId(), 0, event.providerId(),
                event.messageId());
        Observation observation = Observation.createNotStarted(convention, DEFAULT, () -> context, registry).start();
        return new InFlight(observation, context);
    }

    /** Ends the observations of sends still waiting for an attempt, as when the notifier was closed before it. */
    @Override
    public void close() {
        waiting.keySet().forEach(key -> {
            InFlight send = waiting.remove(key);
            if (send != null) {
                send.context.end("unknown", Optional.empty());
                send.observation.stop();
            }
        });
    }

    private final class InFlight {
        final Observation observation;
        final NotifySendContext context;
        Observation attempt;
        NotifySendContext attemptContext;

        InFlight(Observation observation, NotifySendContext context) {
            this.observation = observation;
            this.context = context;
        }

        void startAttempt(SendEvent event) {
            context.provider(event.providerId(), event.messageId());
            attemptContext = new NotifySendContext(event.channel(), event.serverId(), event.attempt(),
                    event.providerId(), event.messageId());
            attempt = Observation.createNotStarted(ATTEMPTS, () -> attemptContext, registry)
                    .parentObservation(observation).start();
        }

        void endAttempt(SendEvent event, String outcome) {
            if (attempt == null) {
                return;
            }
            attemptContext.end(outcome, "success".equals(outcome) ? Optional.empty() : event.errorType());
            attempt.stop();
            attempt = null;
        }

        void end(SendEvent event, String outcome) {
            endAttempt(event, "failed");
            context.provider(event.providerId(), event.messageId());
            context.end(outcome, event.errorType());
            event.personalData().ifPresent(data -> context.addresses(data.accepted(),
                    data.rejected().stream().map(RejectedRecipient::address).toList()));
            observation.stop();
        }
    }
}
