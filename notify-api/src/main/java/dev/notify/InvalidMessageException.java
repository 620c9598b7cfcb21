package dev.notify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A message could not be built or sent because of what it contains: a malformed address, a line break in a
 * header value, no recipient. {@link #problems()} names each offending field ({@code to[0]}, {@code subject},
 * {@code header[X-Ticket]}). Thrown by message builders, before any connection is opened.
 */
public class InvalidMessageException extends NotifyException {

    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public InvalidMessageException(List<Problem> problems) {
        super(describe(problems), null, null, null);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidMessageException(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    /** Every problem found; never empty. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        return "Invalid message: " + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
