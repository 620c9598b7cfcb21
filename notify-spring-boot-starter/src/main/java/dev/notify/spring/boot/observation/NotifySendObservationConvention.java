package dev.notify.spring.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code notify.send} observation. Declare a bean of this type to replace
 * {@link DefaultNotifySendObservationConvention}, or extend that class to add a key value.
 */
public interface NotifySendObservationConvention extends ObservationConvention<NotifySendContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof NotifySendContext send && send.attempt() == 0;
    }
}
