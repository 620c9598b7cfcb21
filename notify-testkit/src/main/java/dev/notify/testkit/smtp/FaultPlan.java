package dev.notify.testkit.smtp;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults of one fixture and how often each may still apply. This class is threadsafe: the sessions of a
 * server take faults concurrently, and a test may reset it meanwhile.
 */
final class FaultPlan {

    private final List<SmtpFault> faults;
    private final List<AtomicInteger> left;

    FaultPlan(List<SmtpFault> faults) {
        this.faults = List.copyOf(faults);
        this.left = faults.stream().map(f -> new AtomicInteger(f.timesAllowed())).toList();
    }

    boolean isEmpty() {
        return faults.isEmpty();
    }

    /** The fault that takes the place of the normal reply at {@code point}, counted as used; null for none. */
    SmtpFault take(SmtpFault.Point point) {
        return take(point, null, 0, 0);
    }

    /**
     * The same for {@code RCPT TO:<address>}, the {@code number}-th of its transaction, after {@code accepted}
     * accepted recipients.
     */
    SmtpFault take(SmtpFault.Point point, String address, int accepted, int number) {
        for (int i = 0; i < faults.size(); i++) {
            SmtpFault fault = faults.get(i);
            if (fault.point() != point || (address != null && !fault.matchesRecipient(address, accepted, number))) {
                continue;
            }
            if (left.get(i).getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
                return fault;
            }
        }
        return null;
    }

    /** Every fault may apply as often again as it was given. */
    void reset() {
        for (int i = 0; i < faults.size(); i++) {
            left.get(i).set(faults.get(i).timesAllowed());
        }
    }

    List<SmtpFault> faults() {
        return faults;
    }
}
