package dev.notify.outbox.internal;

/** A journal record or an encoded message that cannot be read as what it claims to be. */
public final class CorruptRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }
}
