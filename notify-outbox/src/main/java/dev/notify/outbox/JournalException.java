package dev.notify.outbox;

import dev.notify.SendRejectedException;

/**
 * A journal could not store or read messages: a directory that is not writable, a full disk, a database that
 * cannot be reached. Thrown by an enqueue, nothing was queued: the caller may try again later or send
 * synchronously. The message names the journal's location and the cause, never a password.
 */
public class JournalException extends SendRejectedException {

    private static final long serialVersionUID = 1L;

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
