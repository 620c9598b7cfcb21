package dev.notify.spring.boot.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the {@code notify} health contributor checks delivery, under {@code management.health.notify.}. Turn the
 * contributor off with {@code management.health.notify.enabled=false}.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param probe The connectivity probe.
 */
@ConfigurationProperties("management.health.notify")
public record NotifyHealthProperties(@DefaultValue Probe probe) {

    /**
     * The connectivity probe ({@code ServerNotifier.check}): SMTP connect, STARTTLS and AUTH, or a Graph token,
     * without sending anything.
     *
     * @param enabled       Whether a health request probes every enabled, ready channel of each server. Off by
     *                      default, since a probe opens a connection to the mail server.
     * @param downOnFailure Whether a failed probe marks its server, and so the application, DOWN. Off by default:
     *                      a failed probe is then a detail of an UP server.
     * @param cacheFor      How long a probe's result is reused before a health request probes again.
     */
    public record Probe(@DefaultValue("false") boolean enabled, @DefaultValue("false") boolean downOnFailure,
            @DefaultValue("1m") Duration cacheFor) {
    }
}
