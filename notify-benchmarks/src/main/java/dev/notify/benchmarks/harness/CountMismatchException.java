package dev.notify.benchmarks.harness;

/** The sink did not accept exactly the messages a run sent: some were lost or duplicated. */
public final class CountMismatchException extends Exception {

    private static final long serialVersionUID = 1L;

    public CountMismatchException(String message) {
        super(message);
    }
}
