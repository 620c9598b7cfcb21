package dev.notify.store;

import dev.notify.NotifyException;

/**
 * The store could not be read or written (a file that cannot be opened, a database that is down); nothing was
 * changed. Retrying later may succeed. The message names the store and the cause, never a secret.
 */
public class StoreUnavailableException extends NotifyException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
