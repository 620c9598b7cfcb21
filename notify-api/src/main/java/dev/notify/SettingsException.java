package dev.notify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The settings cannot be used as they are. {@link #problems()} lists every problem found, each naming its
 * full key, so an administrator can fix them all at once. Retrying without changing the settings fails again.
 */
public class SettingsException extends NotifyException {

    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public SettingsException(List<Problem> problems) {
        this(problems, null, null, null);
    }

    public SettingsException(List<Problem> problems, String server, String providerId, Throwable cause) {
        super(describe(problems), server, providerId, cause);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order of the settings keys; never empty. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        String lines = problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
        return (problems.size() == 1 ? "Invalid setting:\n" : problems.size() + " invalid settings:\n") + lines;
    }
}
