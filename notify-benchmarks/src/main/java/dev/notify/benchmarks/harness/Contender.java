package dev.notify.benchmarks.harness;

/** A library under test, sending through its usual API. */
public interface Contender {

    /** A short, stable id for the table and the {@code ONLY} filter. */
    String id();

    /** Sets up senders for a target and a number of threads; may connect lazily. */
    Client open(Target target, int threads) throws Exception;

    /** Senders for one target, reused across runs. Not threadsafe: one {@link #send} at a time. */
    interface Client extends AutoCloseable {

        /**
         * Sends {@code count} messages with subjects {@code Mail.subject(run, 0..count-1)} on the client's
         * threads and returns when every one was accepted.
         *
         * @throws Exception when any message was not accepted
         */
        void send(String run, int count) throws Exception;

        /** Closes connections and threads; failures are reported unchecked. */
        @Override
        void close();
    }
}
