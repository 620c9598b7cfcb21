package dev.notify.internal;

import dev.notify.DeliveryEvent;
import dev.notify.SendEvent;
import dev.notify.SendListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener; a listener that throws is logged once at warn level, then at debug level. */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<SendListener> listeners;
    private final Set<SendListener> failed = ConcurrentHashMap.newKeySet();

    Listeners(List<SendListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    void fire(DeliveryEvent event) {
        for (SendListener listener : listeners) {
            try {
                listener.onDelivery(event);
            } catch (RuntimeException e) {
                logFailure(listener, "delivery " + event.status(), e);
            }
        }
    }

    private void logFailure(SendListener listener, Object what, RuntimeException e) {
        if (failed.add(listener)) {
            LOG.warn("Send listener {} threw on {}; its exceptions are ignored and logged at debug level from "
                    + "now on", listener.getClass().getName(), what, e);
        } else {
            LOG.debug("Send listener {} threw on {}", listener.getClass().getName(), what, e);
        }
    }

    void fire(SendEvent event) {
        for (SendListener listener : listeners) {
            try {
                listener.onEvent(listener.wantsPersonalData() ? event : event.withoutPersonalData());
            } catch (RuntimeException e) {
                logFailure(listener, event.kind(), e);
            }
        }
    }
}
