package dev.notify.spring.boot.health;

import dev.notify.Channel;
import dev.notify.ChannelStatus;
import dev.notify.CheckReport;
import dev.notify.Problem;
import dev.notify.ServerNotifier;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one server (or the global settings): per channel, whether it is enabled and ready, the last
 * send's outcome and, when probing is on, the probe's result. UP unless probing is on, marks failures DOWN, and a
 * probe of an enabled, ready channel failed: a disabled or unconfigured channel never makes a server DOWN.
 */
final class ServerHealthIndicator implements HealthIndicator {

    private final ServerNotifier server;
    private final LastSends lastSends;
    private final ProbeResults probes;
    private final NotifyHealthProperties.Probe settings;
    private final Clock clock;

    ServerHealthIndicator(ServerNotifier server, LastSends lastSends, ProbeResults probes,
            NotifyHealthProperties.Probe settings, Clock clock) {
        this.server = server;
        this.lastSends = lastSends;
        this.probes = probes;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (Channel channel : Channel.values()) {
            ChannelStatus status = server.status(channel);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("enabled", status.enabled());
            status.providerId().ifPresent(p -> details.put("deliveryMethod", p));
            if (status.enabled()) {
                details.put("ready", status.isReady());
                if (!status.problems().isEmpty()) {
                    details.put("problems", status.problems().stream().map(Problem::toString).toList());
                }
            }
            lastSends.last(server.serverId(), channel).ifPresent(last -> details.put("lastSend", last.details()));
            if (settings.enabled() && status.isReady()) {
                ProbeResults.Result probe = probes.get(channel, settings.cacheFor(), clock, () -> probe(channel));
                details.put("probe", probe.details());
                if (!probe.ok() && settings.downOnFailure()) {
                    health.down();
                }
            }
            health.withDetail(channel.name().toLowerCase(Locale.ROOT), details);
        }
        return health.build();
    }

    private ProbeResults.Result probe(Channel channel) {
        Instant time = clock.instant();
        try {
            CheckReport report = server.check(channel);
            return new ProbeResults.Result(report.ok(), time, Optional.of(report.providerId()), report.failure());
        } catch (RuntimeException e) {
            return new ProbeResults.Result(false, time, Optional.empty(),
                    Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }
}
