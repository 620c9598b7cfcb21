package dev.notify.spring.boot.health;

import dev.notify.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The last probe of each channel of one server, reused while fresh; one probe at a time per server. */
final class ProbeResults {

    /** What a probe found; {@code failure} never holds a secret ({@code CheckReport} and notify's exceptions don't). */
    record Result(boolean ok, Instant time, Optional<String> provider, Optional<String> failure) {

        Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("ok", ok);
            details.put("time", time.toString());
            provider.ifPresent(p -> details.put("provider", p));
            failure.ifPresent(f -> details.put("failure", f));
            return details;
        }
    }

    private final Map<Channel, Result> results = new EnumMap<>(Channel.class);

    synchronized Result get(Channel channel, Duration cacheFor, Clock clock, Supplier<Result> probe) {
        Result last = results.get(channel);
        if (last != null && clock.instant().isBefore(last.time().plus(cacheFor))) {
            return last;
        }
        Result result = probe.get();
        results.put(channel, result);
        return result;
    }
}
