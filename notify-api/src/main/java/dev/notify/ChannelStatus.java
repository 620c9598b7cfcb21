package dev.notify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a server can use a channel now, as a host's page decides whether to offer it ("send me a code by SMS"
 * only when SMS is ready). Computed from the settings alone: nothing is sent or probed.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param channel    email or SMS
 * @param enabled    whether {@code <channel>.enabled} is true
 * @param providerId the delivery method in effect, when one is set or defaulted
 * @param problems   what stops the channel from working: its own keys' problems, and every entry of the server's
 *                   layers that could not be read; see {@code ResolvedSettings#problems(Channel)}
 */
public record ChannelStatus(Channel channel, boolean enabled, Optional<String> providerId, List<Problem> problems) {

    public ChannelStatus {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(providerId, "providerId");
        problems = List.copyOf(problems);
    }

    /** Enabled, with every required setting set (some may still be wrong: see {@link #isValid()}). */
    public boolean isConfigured() {
        return enabled && problems.stream().noneMatch(Problem::isMissingValue);
    }

    /** Enabled and without any problem. */
    public boolean isValid() {
        return enabled && problems.isEmpty();
    }

    /** Whether a send on this channel would be attempted: the same as {@link #isValid()}. */
    public boolean isReady() {
        return isValid();
    }
}
