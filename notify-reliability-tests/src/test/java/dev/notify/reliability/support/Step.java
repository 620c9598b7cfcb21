package dev.notify.reliability.support;

import java.util.Objects;

/**
 * What the {@link FaultySmtpServer} does at one point of the dialogue: reply (then keep going or close), stay
 * silent for good, or drop the connection with or without a reply.
 *
 * @param reply the reply line(s) to write first, or null for none
 * @param after what happens to the connection after the reply
 */
public record Step(String reply, After after) {

    /** The connection's fate after a step. */
    public enum After {
        /** Keep serving the dialogue. */
        CONTINUE,
        /** Close the connection normally (FIN). */
        CLOSE,
        /** Abort the connection (RST). */
        RESET,
        /** Read and discard everything the client sends, never answering again, until it goes away. */
        SILENCE
    }

    public Step {
        Objects.requireNonNull(after, "after");
    }

    public static Step reply(String reply) {
        return new Step(Objects.requireNonNull(reply, "reply"), After.CONTINUE);
    }

    /** Replies, then closes: what a server does after a 421. */
    public static Step replyAndClose(String reply) {
        return new Step(Objects.requireNonNull(reply, "reply"), After.CLOSE);
    }

    /** Replies, then aborts the connection. */
    public static Step replyAndReset(String reply) {
        return new Step(Objects.requireNonNull(reply, "reply"), After.RESET);
    }

    /** Never answers again. */
    public static Step silence() {
        return new Step(null, After.SILENCE);
    }

    /** Closes without a word. */
    public static Step close() {
        return new Step(null, After.CLOSE);
    }
}
