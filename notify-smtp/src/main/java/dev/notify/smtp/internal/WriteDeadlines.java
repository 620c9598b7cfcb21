package dev.notify.smtp.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The write timeouts of one sender's connections, given to Angus as {@code mail.smtp.executor.writetimeout}.
 * Angus schedules a task before every socket write and cancels it after; its default executor (a thread per
 * connection, woken on every write) cost about 100 µs per message over TLS. Here scheduling and cancelling are a
 * set insertion and removal, and one watchdog thread per sender checks the deadlines every {@code tick}: a write
 * that blocks past its timeout is aborted between the timeout and the timeout plus one tick.
 *
 * <p>The watchdog is not a task on the notifier's {@link dev.notify.Scheduler}: a write timeout is a network
 * timeout in real time, and that scheduler may run on a test's or a host's time (the test kit's
 * {@code ManualScheduler} runs nothing until advanced, so a blocked write would never end), and its one thread is
 * shared by every sender's retries and sweeps, which an abort (closing the stream of a socket that a writer holds)
 * must not wait behind nor hold up.
 *
 * <p>Only {@link #schedule(Callable, long, TimeUnit)} is supported. This class is threadsafe.
 */
final class WriteDeadlines extends AbstractExecutorService implements ScheduledExecutorService {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Set<Deadline<?>> pending = ConcurrentHashMap.newKeySet();
    private final long tickMillis;
    private volatile Thread watchdog;
    private volatile boolean shutdown;

    WriteDeadlines(Duration writeTimeout) {
        this.tickMillis = Math.max(10, Math.min(1000, writeTimeout.toMillis() / 10));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("the sender is closed");
        }
        Deadline<V> deadline = new Deadline<>(task, System.nanoTime() + unit.toNanos(delay));
        pending.add(deadline);
        startWatchdog();
        return deadline;
    }

    /** Starts the watchdog on the first write; every later write only reads a volatile field. */
    private void startWatchdog() {
        if (watchdog != null) {
            return;
        }
        synchronized (this) {
            if (watchdog == null && !shutdown) {
                Thread thread = new Thread(this::watch, "notify-smtp-write-timeouts-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                watchdog = thread;
                thread.start();
            }
        }
    }

    private void watch() {
        while (!shutdown) {
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Deadline<?> deadline : pending) {
                if (now - deadline.due >= 0) {
                    deadline.expire();
                }
            }
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
        synchronized (this) {
            if (watchdog != null) {
                watchdog.interrupt();
            }
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        pending.clear();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        Thread thread;
        synchronized (this) {
            thread = watchdog;
        }
        return shutdown && (thread == null || !thread.isAlive());
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        Thread thread;
        synchronized (this) {
            thread = watchdog;
        }
        if (thread != null) {
            thread.join(Math.max(1, unit.toMillis(timeout)));
        }
        return isTerminated();
    }

    @Override
    public void execute(Runnable command) {
        throw new UnsupportedOperationException("write deadlines only schedule");
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("write deadlines only schedule callables");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("write deadlines only schedule once");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("write deadlines only schedule once");
    }

    int pendingCount() {
        return pending.size();
    }

    /** One write's deadline: pending until cancelled after the write, or expired and its task run. */
    private final class Deadline<V> implements ScheduledFuture<V> {
        private static final int PENDING = 0;
        private static final int CANCELLED = 1;
        private static final int RUNNING = 2;
        private static final int DONE = 3;

        private final Callable<V> task;
        private final long due;
        private final AtomicInteger state = new AtomicInteger(PENDING);
        private volatile V result;
        private volatile Exception failure;

        Deadline(Callable<V> task, long due) {
            this.task = task;
            this.due = due;
        }

        void expire() {
            if (!state.compareAndSet(PENDING, RUNNING)) {
                return;
            }
            pending.remove(this);
            try {
                result = task.call();
            } catch (Exception e) {
                failure = e;
            }
            synchronized (this) {
                state.set(DONE);
                notifyAll();
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = state.compareAndSet(PENDING, CANCELLED);
            if (cancelled) {
                pending.remove(this);
            }
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return state.get() == CANCELLED;
        }

        @Override
        public boolean isDone() {
            return state.get() == CANCELLED || state.get() == DONE;
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            synchronized (this) {
                while (state.get() == PENDING || state.get() == RUNNING) {
                    wait();
                }
            }
            return outcome();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            long end = System.nanoTime() + unit.toNanos(timeout);
            synchronized (this) {
                while (state.get() == PENDING || state.get() == RUNNING) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        throw new TimeoutException("the write deadline has not expired");
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
            return outcome();
        }

        private V outcome() throws ExecutionException {
            if (state.get() == CANCELLED) {
                throw new java.util.concurrent.CancellationException("the write finished in time");
            }
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return result;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
