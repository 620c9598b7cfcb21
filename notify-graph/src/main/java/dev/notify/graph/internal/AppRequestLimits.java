package dev.notify.graph.internal;

import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The permits for Graph requests in flight, one set per app registration (authority, tenant and client ID), so
 * senders of the same app built for different settings (another Sent Items choice, another timeout) share
 * Microsoft's per-app limit instead of each having their own.
 *
 * <p>This class is threadsafe.
 */
public final class AppRequestLimits {

    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    /** The permits of the app registration these settings use. */
    public Semaphore permits(ResolvedSettings settings) {
        String app = settings.get(SettingKeys.GRAPH_AUTHORITY) + "|" + settings.get(SettingKeys.GRAPH_TENANT_ID)
                + "|" + settings.get(SettingKeys.GRAPH_CLIENT_ID);
        return permits.computeIfAbsent(app, key -> new Semaphore(GraphSender.MAX_IN_FLIGHT, true));
    }
}
