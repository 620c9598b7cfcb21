package dev.notify.support;

import java.util.Set;
import java.util.stream.Collectors;

/** The notifier's own threads, which are all named {@code notify-...}. */
public final class Threads {

    private Threads() {
    }

    public static Set<Thread> notifyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("notify-"))
                .collect(Collectors.toSet());
    }

    /** The threads of {@code now} not in {@code before} that are still alive after up to 2 seconds. */
    public static Set<Thread> aliveAfterJoin(Set<Thread> before) throws InterruptedException {
        Set<Thread> started = notifyThreads();
        started.removeAll(before);
        for (Thread t : started) {
            t.join(2000);
        }
        return started.stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }
}
