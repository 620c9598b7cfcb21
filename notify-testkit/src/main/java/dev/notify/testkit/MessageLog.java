package dev.notify.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The messages of one channel a fake recorded, in order, with waiting for a count. Threadsafe. */
final class MessageLog<T> {

    private static final int MAX_LISTED = 25;

    private final String noun;
    private final Function<T, String> describer;
    private final List<T> messages = new ArrayList<>();

    MessageLog(String noun, Function<T, String> describer) {
        this.noun = noun;
        this.describer = describer;
    }

    synchronized void add(T message) {
        messages.add(Objects.requireNonNull(message, "message"));
        notifyAll();
    }

    synchronized List<T> snapshot() {
        return List.copyOf(messages);
    }

    synchronized int size() {
        return messages.size();
    }

    synchronized void clear() {
        messages.clear();
    }

    /**
     * Waits until at least {@code count} messages were recorded.
     *
     * @throws AssertionError when fewer arrived within {@code timeout}, listing those that did
     */
    List<T> await(int count, Duration timeout) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (messages.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Expected at least " + count + " " + noun + " within " + timeout.toMillis()
                            + " ms, but " + messages.size() + " arrived" + describe(messages));
                }
                try {
                    wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for " + count + " " + noun, e);
                }
            }
            return List.copyOf(messages);
        }
    }

    private String describe(List<T> list) {
        if (list.isEmpty()) {
            return ".";
        }
        String lines = list.stream().limit(MAX_LISTED).map(m -> "  " + describer.apply(m))
                .collect(Collectors.joining("\n"));
        return ":\n" + lines + (list.size() > MAX_LISTED ? "\n  ... and " + (list.size() - MAX_LISTED) + " more" : "");
    }
}
