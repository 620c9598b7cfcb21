package dev.notify.sms.http.internal.receipts;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed callbacks seen in the last {@link #KEEP_FOR}, at most {@link #MAX} of them, by the key that identifies
 * each (its signature): a callback that comes again is recognised and not applied twice. This class is threadsafe.
 */
public final class ReplayMemory {

    static final Duration KEEP_FOR = Duration.ofHours(1);
    static final int MAX = 200_000;

    private final Map<String, Instant> seen = new LinkedHashMap<>();

    /** Whether {@code key} was not seen before; remembers it, and forgets what is older than {@code now - KEEP_FOR}. */
    public synchronized boolean firstTime(String key, Instant now) {
        Instant expired = now.minus(KEEP_FOR);
        Iterator<Instant> oldest = seen.values().iterator();
        while (oldest.hasNext()) {
            Instant at = oldest.next();
            if (seen.size() < MAX && at.isAfter(expired)) {
                break;
            }
            oldest.remove();
        }
        return seen.putIfAbsent(key, now) == null;
    }
}
