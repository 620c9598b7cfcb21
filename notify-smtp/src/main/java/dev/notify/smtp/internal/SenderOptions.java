package dev.notify.smtp.internal;

import dev.notify.smtp.internal.dkim.JndiTxtResolver;
import dev.notify.smtp.internal.dkim.TxtResolver;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What a sender takes besides the settings: where Jakarta Mail's debug output goes (empty: on when {@code -Dmail.debug=true}, to stdout),
 * how long a pooled connection may sit idle before it is checked with NOOP, the pool's clock, and where a check
 * looks up the DKIM key records (empty: the system's name servers).
 *
 * @param debugOut           Jakarta Mail protocol trace, credentials suppressed
 * @param validateAfterIdle  idle time after which a pooled connection is checked before reuse
 * @param nanoTime           the pool's clock, {@code System::nanoTime}
 * @param dkimRecords        DNS TXT lookups for the DKIM key records a check verifies
 */
public record SenderOptions(Optional<PrintStream> debugOut, Duration validateAfterIdle, LongSupplier nanoTime,
        TxtResolver dkimRecords) {

    /** How long a check waits for each DNS query of a DKIM key record. */
    public static final Duration DNS_TIMEOUT = Duration.ofSeconds(3);

    /** Idle time after which a pooled connection gets a NOOP before reuse. */
    public static final Duration DEFAULT_VALIDATE_AFTER_IDLE = Duration.ofSeconds(2);

    public SenderOptions {
        Objects.requireNonNull(debugOut, "debugOut");
        Objects.requireNonNull(validateAfterIdle, "validateAfterIdle");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(dkimRecords, "dkimRecords");
    }

    public static SenderOptions defaults() {
        PrintStream debug = Boolean.getBoolean("mail.debug") ? System.out : null;
        return new SenderOptions(Optional.ofNullable(debug), DEFAULT_VALIDATE_AFTER_IDLE, System::nanoTime,
                JndiTxtResolver.system(DNS_TIMEOUT));
    }

    public SenderOptions withDebugOut(PrintStream out) {
        return new SenderOptions(Optional.of(out), validateAfterIdle, nanoTime, dkimRecords);
    }

    public SenderOptions withValidateAfterIdle(Duration idle) {
        return new SenderOptions(debugOut, idle, nanoTime, dkimRecords);
    }

    public SenderOptions withNanoTime(LongSupplier clock) {
        return new SenderOptions(debugOut, validateAfterIdle, clock, dkimRecords);
    }

    public SenderOptions withDkimRecords(TxtResolver resolver) {
        return new SenderOptions(debugOut, validateAfterIdle, nanoTime, resolver);
    }
}
