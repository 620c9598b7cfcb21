package dev.notify.json;

/**
 * A text is not JSON, or exceeds one of {@link Json}'s limits; or a value cannot be written as JSON. The message
 * says what was expected and at which character, and never quotes more than one character of the input.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class JsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final long position;

    JsonException(String message, long position) {
        super(message);
        this.position = position;
    }

    /** The 1-based character at which reading stopped, or 0 for a failure to write. */
    public long position() {
        return position;
    }
}
