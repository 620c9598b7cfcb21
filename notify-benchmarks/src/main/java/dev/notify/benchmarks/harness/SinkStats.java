package dev.notify.benchmarks.harness;

import java.util.HashMap;
import java.util.Map;

/**
 * The sink's counts at one moment.
 *
 * @param messages         accepted messages
 * @param connections      accepted connections
 * @param commands         SMTP command lines (AUTH continuation lines and message content not included)
 * @param flushes          flushes of replies, one per round trip (pipelined replies share one)
 * @param tls              completed STARTTLS handshakes
 * @param auths            successful AUTH exchanges
 * @param sequenceSum      the sum of the {@code #n} numbers at the end of accepted subjects
 * @param withoutSequence  accepted messages whose subject had no {@code #n}
 * @param bytes            accepted message bytes
 * @param lastAcceptMillis when the latest message was accepted (epoch milliseconds)
 */
public record SinkStats(long messages, long connections, long commands, long flushes, long tls, long auths,
        long sequenceSum, long withoutSequence, long bytes, long lastAcceptMillis) {

    static SinkStats parse(String line) {
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.trim().split(" ")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return new SinkStats(values.get("messages"), values.get("connections"), values.get("commands"),
                values.get("flushes"), values.get("tls"), values.get("auths"), values.get("sequenceSum"),
                values.get("withoutSequence"), values.get("bytes"), values.get("lastAcceptMillis"));
    }

    /** What happened between {@code before} and this. */
    public SinkStats since(SinkStats before) {
        return new SinkStats(messages - before.messages, connections - before.connections,
                commands - before.commands, flushes - before.flushes, tls - before.tls, auths - before.auths,
                sequenceSum - before.sequenceSum, withoutSequence - before.withoutSequence, bytes - before.bytes,
                lastAcceptMillis);
    }
}
