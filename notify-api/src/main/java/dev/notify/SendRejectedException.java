package dev.notify;

/**
 * The notifier did not accept an asynchronous send: its queue was full or it was closed. Nothing was sent.
 * The caller may retry later, send synchronously, or report the overload.
 */
public class SendRejectedException extends NotifyException {

    private static final long serialVersionUID = 1L;

    public SendRejectedException(String message) {
        super(message, null, null, null);
    }

    /** With the cause of the refusal (a journal that could not be written, for one). */
    public SendRejectedException(String message, Throwable cause) {
        super(message, null, null, cause);
    }
}
