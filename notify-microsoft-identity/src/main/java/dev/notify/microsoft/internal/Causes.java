package dev.notify.microsoft.internal;

import java.util.Optional;

/** Looks through a failure's chain of causes. */
public final class Causes {

    private Causes() {
    }

    /** The first of {@code failure} and its causes that is one of {@code types}. */
    @SafeVarargs
    public static Optional<Throwable> find(Throwable failure, Class<? extends Throwable>... types) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(c)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }
}
