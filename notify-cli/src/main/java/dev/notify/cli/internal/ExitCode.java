package dev.notify.cli.internal;

/** The command line's exit codes; a contract for scripts. */
public final class ExitCode {

    /** Sent, or the check passed. */
    public static final int OK = 0;
    /** Delivery failed, or the check found a problem. */
    public static final int DELIVERY_FAILED = 1;
    /** Invalid usage or settings. */
    public static final int INVALID = 2;
    /** The channel is disabled for that server. */
    public static final int CHANNEL_DISABLED = 3;

    private ExitCode() {
    }
}
