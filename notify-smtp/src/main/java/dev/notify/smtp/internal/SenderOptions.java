package dev.notify.smtp.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What a sender takes besides the settings: where Jakarta Mail's debug output goes (empty: on when
 * {@code -Dmail.debug=true}, to stdout), how long a pooled connection may sit idle before it is checked with
 * NOOP, and the pool's clock.
 *
 * @param debugOut           Jakarta Mail protocol trace, credentials suppressed
 * @param validateAfterIdle  idle time after which a pooled connection is checked before reuse
 * @param nanoTime           the pool's clock, {@code System::nanoTime}
 */
public record SenderOptions(Optional<PrintStream> debugOut, Duration validateAfterIdle, LongSupplier nanoTime) {

    /** Idle time after which a pooled connection gets a NOOP before reuse. */
    public static final Duration DEFAULT_VALIDATE_AFTER_IDLE = Duration.ofSeconds(2);

    public SenderOptions {
        Objects.requireNonNull(debugOut, "debugOut");
        Objects.requireNonNull(validateAfterIdle, "validateAfterIdle");
        Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public static SenderOptions defaults() {
        PrintStream debug = Boolean.getBoolean("mail.debug") ? System.out : null;
        return new SenderOptions(Optional.ofNullable(debug), DEFAULT_VALIDATE_AFTER_IDLE, System::nanoTime);
    }

    public SenderOptions withDebugOut(PrintStream out) {
        return new SenderOptions(Optional.of(out), validateAfterIdle, nanoTime);
    }

    public SenderOptions withValidateAfterIdle(Duration idle) {
        return new SenderOptions(debugOut, idle, nanoTime);
    }

    public SenderOptions withNanoTime(LongSupplier clock) {
        return new SenderOptions(debugOut, validateAfterIdle, clock);
    }
}
