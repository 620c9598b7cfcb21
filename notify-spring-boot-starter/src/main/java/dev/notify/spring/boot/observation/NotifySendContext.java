package dev.notify.spring.boot.observation;

import dev.notify.Channel;
import io.micrometer.observation.Observation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an observation of a send ({@code notify.send}) or of one of its attempts ({@code notify.send.attempt})
 * knows: filled in as the send's events arrive, with the outcome when it ends. Holds addresses only when
 * {@code management.observations.notify.include-addresses=true}; never a subject or any other content.
 *
 * <p>This class is not threadsafe; a send's events arrive one after the other.
 */
public final class NotifySendContext extends Observation.Context {

    private final Channel channel;
    private final Optional<String> serverId;
    private final int attempt;
    private Optional<String> providerId;
    private Optional<String> messageId;
    private String outcome;
    private String errorType;
    private List<String> acceptedAddresses = List.of();
    private List<String> rejectedAddresses = List.of();

    NotifySendContext(Channel channel, Optional<String> serverId, int attempt, Optional<String> providerId,
            Optional<String> messageId) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.serverId = serverId;
        this.attempt = attempt;
        this.providerId = providerId;
        this.messageId = messageId;
    }

    public Channel channel() {
        return channel;
    }

    /** The server whose settings are used; empty for the global settings. */
    public Optional<String> serverId() {
        return serverId;
    }

    /** The attempt this observation is about, from 1; 0 for the observation of the whole send. */
    public int attempt() {
        return attempt;
    }

    /** The provider; empty when the send was refused before one was chosen. */
    public Optional<String> providerId() {
        return providerId;
    }

    public Optional<String> messageId() {
        return messageId;
    }

    /**
     * How it ended; empty while it runs. A send: {@code delivered}, {@code partially-delivered}, {@code gave-up},
     * {@code rejected} or {@code disabled}. An attempt: {@code success}, {@code retried} or {@code failed}.
     */
    public Optional<String> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** The simple class name of the failure's exception; empty for a success or while it runs. */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /** Accepted addresses, only when addresses are included. */
    public List<String> acceptedAddresses() {
        return acceptedAddresses;
    }

    /** Refused addresses, only when addresses are included. */
    public List<String> rejectedAddresses() {
        return rejectedAddresses;
    }

    void provider(Optional<String> providerId, Optional<String> messageId) {
        if (providerId.isPresent()) {
            this.providerId = providerId;
        }
        if (messageId.isPresent()) {
            this.messageId = messageId;
        }
    }

    void end(String outcome, Optional<String> errorType) {
        this.outcome = outcome;
        this.errorType = errorType.orElse(null);
    }

    void addresses(List<String> accepted, List<String> rejected) {
        this.acceptedAddresses = List.copyOf(accepted);
        this.rejectedAddresses = List.copyOf(rejected);
    }
}
