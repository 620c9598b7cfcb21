package dev.notify.outbox.internal.file;

import dev.notify.outbox.spi.Journal.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The file journal's rate budgets, per server: the messages sent in the last minute and the recipients in the last
 * 24 hours, as sliding windows. Kept in memory: the file journal has one process, and a restart starts them empty.
 * Threadsafe.
 */
final class RateBudgets {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);

    private record Sent(Instant at, int recipients) {
    }

    private static final class Budget {
        final ArrayDeque<Instant> minute = new ArrayDeque<>();
        final ArrayDeque<Sent> day = new ArrayDeque<>();
        long dayRecipients;

        void forget(Instant now) {
            while (!minute.isEmpty() && !minute.peekFirst().plus(MINUTE).isAfter(now)) {
                minute.pollFirst();
            }
            while (!day.isEmpty() && !day.peekFirst().at().plus(DAY).isAfter(now)) {
                dayRecipients -= day.pollFirst().recipients();
            }
        }
    }

    private final Map<String, Budget> budgets = new HashMap<>();

    /** As {@link dev.notify.outbox.spi.Journal#takeBudget}: empty when taken, else when it would fit. */
    synchronized Optional<Instant> take(String server, int recipients, Instant now, RateLimit limit) {
        if (!limit.isLimited()) {
            return Optional.empty();
        }
        Budget budget = budgets.computeIfAbsent(server, s -> new Budget());
        budget.forget(now);
        Instant fits = null;
        if (limit.messagesPerMinute() > 0 && budget.minute.size() >= limit.messagesPerMinute()) {
            Iterator<Instant> oldest = budget.minute.iterator();
            for (int i = budget.minute.size() - limit.messagesPerMinute(); i > 0; i--) {
                oldest.next();
            }
            fits = oldest.next().plus(MINUTE);
        }
        if (limit.recipientsPerDay() > 0 && budget.dayRecipients > 0
                && budget.dayRecipients + recipients > limit.recipientsPerDay()) {
            long left = budget.dayRecipients;
            for (Sent sent : budget.day) {
                left -= sent.recipients();
                if (left == 0 || left + recipients <= limit.recipientsPerDay()) {
                    Instant at = sent.at().plus(DAY);
                    fits = fits == null || at.isAfter(fits) ? at : fits;
                    break;
                }
            }
        }
        if (fits != null) {
            return Optional.of(fits);
        }
        budget.minute.addLast(now);
        budget.day.addLast(new Sent(now, recipients));
        budget.dayRecipients += recipients;
        return Optional.empty();
    }
}
