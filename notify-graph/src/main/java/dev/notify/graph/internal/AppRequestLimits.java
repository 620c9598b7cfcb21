package dev.notify.graph.internal;

import dev.notify.graph.GraphSettingKeys;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.ResolvedSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The permits for Graph requests in flight, one set per app registration (authority, tenant and client ID) and
 * {@code email.graph.max-concurrent-requests}, so
 * senders of the same app built for different settings (another Sent Items choice, another timeout) share
 * Microsoft's per-app limit instead of each having their own.
 *
 * <p>This class is threadsafe.
 */
public final class AppRequestLimits {

    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    /** The permits of the app registration these settings use. */
    public Semaphore permits(ResolvedSettings settings) {
        int limit = settings.get(GraphSettingKeys.MAX_CONCURRENT_REQUESTS);
        String app = settings.get(MicrosoftIdentityKeys.AUTHORITY) + "|" + settings.get(MicrosoftIdentityKeys.TENANT_ID)
                + "|" + settings.get(MicrosoftIdentityKeys.CLIENT_ID) + "|" + limit;
        return permits.computeIfAbsent(app, key -> new Semaphore(limit, true));
    }
}
