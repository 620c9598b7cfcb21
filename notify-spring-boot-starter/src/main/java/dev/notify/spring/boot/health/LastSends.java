package dev.notify.spring.boot.health;

import dev.notify.Channel;
import dev.notify.SendEvent;
import dev.notify.SendListener;
import dev.notify.SendStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers how the last send of each server and channel ended, for the health endpoint. A send skipped because
 * its channel is disabled is not a delivery outcome and is not remembered. At most {@value #MAX_SERVERS} servers
 * are remembered; sends of further servers are not.
 *
 * <p>This class is threadsafe.
 */
public final class LastSends implements SendListener {

    /** The most servers remembered. */
    public static final int MAX_SERVERS = 1000;

    /** The key of the global settings, which {@code Notifier.global()} sends with. */
    static final String GLOBAL = "";

    private static final Logger LOG = LoggerFactory.getLogger(LastSends.class);

    private final Map<String, Map<Channel, LastSend>> byServer = new ConcurrentHashMap<>();
    private final AtomicBoolean full = new AtomicBoolean();

    /** Starts with no send remembered; the health auto-configuration creates one per context. */
    public LastSends() {
    }

    @Override
    public void onEvent(SendEvent event) {
        boolean last = switch (event.kind()) {
            case DELIVERED, GAVE_UP -> true;
            case REJECTED -> event.status().filter(s -> s == SendStatus.CHANNEL_DISABLED).isEmpty();
            default -> false;
        };
        if (!last) {
            return;
        }
        String server = event.serverId().orElse(GLOBAL);
        Map<Channel, LastSend> channels = byServer.get(server);
        if (channels == null) {
            if (byServer.size() >= MAX_SERVERS) {
                if (full.compareAndSet(false, true)) {
                    LOG.warn("The health endpoint remembers the last sends of {} servers; later servers' are not shown",
                            MAX_SERVERS);
                }
                return;
            }
            channels = byServer.computeIfAbsent(server, s -> new EnumMap<>(Channel.class));
        }
        LastSend send = LastSend.of(event);
        synchronized (channels) {
            channels.put(event.channel(), send);
        }
    }

    /** The last send of a server's channel; {@code serverId} empty for the global settings. */
    public Optional<LastSend> last(Optional<String> serverId, Channel channel) {
        Map<Channel, LastSend> channels = byServer.get(serverId.orElse(GLOBAL));
        if (channels == null) {
            return Optional.empty();
        }
        synchronized (channels) {
            return Optional.ofNullable(channels.get(channel));
        }
    }

    /** The servers that sent, sorted; without the global settings. */
    public Set<String> servers() {
        Set<String> servers = new TreeSet<>(byServer.keySet());
        servers.remove(GLOBAL);
        return servers;
    }
}
