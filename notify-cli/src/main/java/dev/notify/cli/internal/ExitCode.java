package dev.notify.cli.internal;

/** The command line's exit codes; a contract for scripts. */
public final class ExitCode {

    /** Sent, or the check passed. */
    public static final int OK = 0;
    /** Delivery failed, or the check failed for a reason other than the settings (a server that cannot be reached). */
    public static final int DELIVERY_FAILED = 1;
    /** Invalid usage or settings, settings a server refused included (a refused login, SMTP 535), also for check. */
    public static final int INVALID = 2;
    /** The channel is disabled for that server. */
    public static final int CHANNEL_DISABLED = 3;
    /** An outbox's journal could not be read or changed: damaged, in use, or its database unreachable. */
    public static final int JOURNAL_ERROR = 4;

    private ExitCode() {
    }
}
