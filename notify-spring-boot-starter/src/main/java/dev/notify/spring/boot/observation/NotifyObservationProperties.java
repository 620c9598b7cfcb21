package dev.notify.spring.boot.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What notify's observations record, under {@code management.observations.notify.}. Turn them off with
 * {@code management.observations.enable.notify=false}. This class is immutable and threadsafe.
 *
 * @param includeAddresses Whether the accepted and refused addresses of a send are high-cardinality key values
 *                         of its observation (traces only, never metrics). Off by default, since addresses are
 *                         personal data. Subjects and content are never observed.
 */
@ConfigurationProperties("management.observations.notify")
public record NotifyObservationProperties(@DefaultValue("false") boolean includeAddresses) {
}
