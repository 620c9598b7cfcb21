package dev.notify.benchmarks.sink;

import java.util.concurrent.atomic.AtomicLong;

/** What the sink has seen since it started. This class is threadsafe. */
final class SinkStats {

    final AtomicLong messages = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong commands = new AtomicLong();
    final AtomicLong flushes = new AtomicLong();
    final AtomicLong tlsHandshakes = new AtomicLong();
    final AtomicLong auths = new AtomicLong();
    final AtomicLong sequenceSum = new AtomicLong();
    final AtomicLong withoutSequence = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong lastAcceptMillis = new AtomicLong();
    volatile long replyDelayNanos;

    void accepted(long size, long sequence) {
        bytes.addAndGet(size);
        if (sequence < 0) {
            withoutSequence.incrementAndGet();
        } else {
            sequenceSum.addAndGet(sequence);
        }
        messages.incrementAndGet();
        lastAcceptMillis.set(System.currentTimeMillis());
    }

    /** One line of {@code key=value} pairs, as the control channel answers STATS. */
    String line() {
        return "messages=" + messages.get() + " connections=" + connections.get() + " commands=" + commands.get()
                + " flushes=" + flushes.get() + " tls=" + tlsHandshakes.get() + " auths=" + auths.get()
                + " sequenceSum=" + sequenceSum.get() + " withoutSequence=" + withoutSequence.get()
                + " bytes=" + bytes.get() + " lastAcceptMillis=" + lastAcceptMillis.get()
                + " replyDelayMicros=" + replyDelayNanos / 1000;
    }
}
