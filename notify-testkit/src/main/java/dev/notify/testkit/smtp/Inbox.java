package dev.notify.testkit.smtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a test server saw: the connections it accepted and the mail, in arrival order. This class is threadsafe. */
final class Inbox {

    /** One accepted SMTP transaction: the message as received and its envelope recipients. */
    record Received(byte[] raw, List<String> recipients) {
        Received {
            raw = raw.clone();
            recipients = List.copyOf(recipients);
        }

        @Override
        public byte[] raw() {
            return raw.clone();
        }
    }

    private final List<Received> received = new ArrayList<>();
    private int connections;

    synchronized void connectionOpened() {
        connections++;
    }

    synchronized int connections() {
        return connections;
    }

    synchronized void add(byte[] raw, List<String> recipients) {
        received.add(new Received(raw, recipients));
        notifyAll();
    }

    synchronized List<Received> all() {
        return List.copyOf(received);
    }

    synchronized void clear() {
        received.clear();
        connections = 0;
    }

    /**
     * Content as a message sent with DATA is recorded, without the line break before the final dot: for servers
     * that keep it, and for BDAT, which has no final dot.
     */
    static byte[] withoutFinalLineBreak(byte[] content) {
        int end = content.length;
        if (end >= 2 && content[end - 2] == '\r' && content[end - 1] == '\n') {
            end -= 2;
        }
        return Arrays.copyOf(content, end);
    }

    /** Waits until at least {@code count} messages arrived; returns every message, or fails the test. */
    synchronized List<Received> await(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " message(s) within " + timeout.toMillis()
                        + " ms, received " + received.size());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for mail", e);
            }
        }
        return List.copyOf(received);
    }
}
