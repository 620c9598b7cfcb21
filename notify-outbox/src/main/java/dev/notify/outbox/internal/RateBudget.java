package dev.notify.outbox.internal;

import dev.notify.outbox.spi.Journal.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * One server's rate budget: a compact state, and the one rule that decides from it and the time whether a message
 * fits under a {@link RateLimit}. Every journal takes budgets with it: the file journal keeps the state in memory, the
 * JDBC journal in the server's row, read and written under that row's lock, so every process sharing the database
 * takes from the same budget, one after the other.
 *
 * <p><b>Messages per minute: a steady pace.</b> With a limit of N, messages are paced one per
 * {@code spacing = (60 s + MARGIN + CATCH_UP) / N} (rounded up to the microsecond; 2.1 s for Microsoft 365's 30) by
 * the generic cell rate algorithm's virtual scheduling: the state is the time the next message is due at that pace
 * ({@link #paceAt()}); a message fits at {@code now} unless that is more than {@link #CATCH_UP} ahead of it, and then
 * moves it to {@code max(paceAt, now) + spacing}. Any N + 1 messages taken therefore lie at least
 * {@code N * spacing - CATCH_UP >= 60 s + MARGIN} apart, first to last, whatever order processes took them in. So a
 * relay that receives each message at most {@link #MARGIN} after its budget was taken (transit, a clock of its own)
 * counts <b>at most N messages in any 60 s window</b> it measures. A burst drains at N per 63 s; a message waits
 * only when sending it would put it more than {@code CATCH_UP} ahead of that pace, and then exactly until it would
 * not. The catch-up lets a message that was picked up late (a worker's poll) be followed sooner, so lateness does not
 * add up into a lower rate.
 *
 * <p><b>Recipients per day: a sliding day of five-minute buckets.</b> Recipients are counted per {@link #BUCKET} of the
 * UTC clock, and a bucket counts until {@code 24 h + MARGIN} after its end: the state is the first bucket's start and
 * the counts from there ({@link #dayFrom()}, {@link #dayRecipients()}), at most 290 of them. With a limit of R, a
 * message to k recipients fits when the counted recipients plus k are at most R; it then counts in the current
 * bucket. So a relay counts <b>at most R recipients in any 24 hours</b> it measures, with the same margin. A message
 * waits only when the recipients taken within {@code 24 h + MARGIN + BUCKET} before it, plus its own, exceed R, and
 * then until the oldest buckets that make room have left the day. A message to more than R recipients would never
 * fit: it goes <b>alone</b>, once no recipient is counted at all, and the next waits until its bucket has left the
 * day.
 *
 * <p>A message that does not fit counts nowhere. This class is immutable and threadsafe.
 */
public final class RateBudget {

    /**
     * How much later than the budget was taken a relay may count a message (transit, the relay's clock ahead of
     * ours): the limits hold for every 60 s and 24 h window of the relay's that lies this much later.
     */
    public static final Duration MARGIN = Duration.ofSeconds(2);
    /** How far ahead of the steady pace of messages per minute a message may go. */
    public static final Duration CATCH_UP = Duration.ofSeconds(1);
    /** The width of the buckets that count recipients per day. */
    public static final Duration BUCKET = Duration.ofMinutes(5);

    /** A budget nothing was taken from. */
    public static final RateBudget EMPTY = new RateBudget(Long.MIN_VALUE, 0, new int[0]);

    private static final long PACE_WINDOW = micros(Duration.ofMinutes(1).plus(MARGIN).plus(CATCH_UP));
    private static final long TOLERANCE = micros(CATCH_UP);
    private static final long BUCKET_MICROS = micros(BUCKET);
    private static final long DAY_WINDOW = micros(Duration.ofDays(1).plus(MARGIN));

    /**
     * The outcome of {@link #take}.
     *
     * @param budget the budget after it: with the message counted when it fit, else unchanged
     * @param fitsAt empty when the message fit and was counted; else the earliest time it fits
     */
    public record Decision(RateBudget budget, Optional<Instant> fitsAt) {
    }

    private final long paceAt;
    private final long dayFrom;
    private final int[] day;

    private RateBudget(long paceAt, long dayFrom, int[] day) {
        this.paceAt = paceAt;
        this.dayFrom = dayFrom;
        this.day = day;
    }

    /**
     * A budget as stored by {@link #paceAt()}, {@link #dayFrom()} and {@link #dayRecipients()}.
     *
     * @throws IllegalArgumentException when a count is negative
     */
    public static RateBudget of(Optional<Instant> paceAt, Instant dayFrom, int[] dayRecipients) {
        int[] day = dayRecipients.clone();
        for (int count : day) {
            if (count < 0) {
                throw new IllegalArgumentException("recipient counts must not be negative: " + Arrays.toString(day));
            }
        }
        return new RateBudget(paceAt.map(RateBudget::ceilMicros).orElse(Long.MIN_VALUE),
                Math.floorDiv(micros(dayFrom), BUCKET_MICROS), day);
    }

    /** The spacing of messages under a limit of {@code perMinute}: {@code (60 s + MARGIN + CATCH_UP) / perMinute}. */
    public static Duration spacing(int perMinute) {
        return Duration.ofNanos(spacingMicros(perMinute) * 1000);
    }

    /** When the next message is due at the pace of messages per minute; empty when none was taken. */
    public Optional<Instant> paceAt() {
        return paceAt == Long.MIN_VALUE ? Optional.empty() : Optional.of(instant(paceAt));
    }

    /** The start of the bucket of {@code dayRecipients()[0]}. */
    public Instant dayFrom() {
        return instant(dayFrom * BUCKET_MICROS);
    }

    /** The recipients counted per {@link #BUCKET}, from {@link #dayFrom()} on. */
    public int[] dayRecipients() {
        return day.clone();
    }

    /**
     * Takes one message to {@code recipients} recipients from this budget at {@code now} if it fits under
     * {@code limit} (0 limits nothing).
     *
     * @throws IllegalArgumentException when {@code recipients} is negative
     */
    public Decision take(int recipients, Instant now, RateLimit limit) {
        if (recipients < 0) {
            throw new IllegalArgumentException("recipients must not be negative, was " + recipients);
        }
        long at = micros(now);
        long fits = Long.MIN_VALUE;
        if (limit.messagesPerMinute() > 0 && paceAt != Long.MIN_VALUE && at < paceAt - TOLERANCE) {
            fits = paceAt - TOLERANCE;
        }
        long oldest = Math.floorDiv(at - DAY_WINDOW, BUCKET_MICROS);
        int from = (int) Math.max(0, Math.min(day.length, oldest - dayFrom));
        if (limit.recipientsPerDay() > 0) {
            fits = Math.max(fits, dayFits(from, recipients, limit.recipientsPerDay()));
        }
        if (fits != Long.MIN_VALUE) {
            return new Decision(this, Optional.of(instant(fits)));
        }
        long pace = limit.messagesPerMinute() > 0
                ? Math.max(paceAt, ceilMicros(now)) + spacingMicros(limit.messagesPerMinute())
                : paceAt;
        RateBudget taken = limit.recipientsPerDay() > 0
                ? counted(pace, from, Math.floorDiv(at, BUCKET_MICROS), recipients)
                : new RateBudget(pace, dayFrom, day);
        return new Decision(taken, Optional.empty());
    }

    /** When the day has room for {@code recipients} more, or {@code Long.MIN_VALUE} when it has now. */
    private long dayFits(int from, int recipients, int perDay) {
        long left = 0;
        for (int i = from; i < day.length; i++) {
            left += day[i];
        }
        if (left == 0 || left + recipients <= perDay) {
            return Long.MIN_VALUE;
        }
        for (int i = from; i < day.length; i++) {
            left -= day[i];
            if (day[i] > 0 && (left == 0 || left + recipients <= perDay)) {
                return (dayFrom + i + 1) * BUCKET_MICROS + DAY_WINDOW;
            }
        }
        throw new IllegalStateException("unreachable: without its last bucket the day is empty");
    }

    /** This budget with the buckets before {@code from} dropped and {@code recipients} counted in {@code bucket}. */
    private RateBudget counted(long pace, int from, long bucket, int recipients) {
        int first = from;
        while (first < day.length && day[first] == 0) {
            first++;
        }
        if (first == day.length) {
            return new RateBudget(pace, bucket, new int[] {recipients});
        }
        long start = Math.min(dayFrom + first, bucket);
        long end = Math.max(dayFrom + day.length, bucket + 1);
        int[] counts = new int[Math.toIntExact(end - start)];
        System.arraycopy(day, first, counts, (int) (dayFrom + first - start), day.length - first);
        int i = (int) (bucket - start);
        counts[i] = Math.addExact(counts[i], recipients);
        return new RateBudget(pace, start, counts);
    }

    private static long spacingMicros(int perMinute) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("messages per minute must be positive, was " + perMinute);
        }
        return (PACE_WINDOW + perMinute - 1) / perMinute;
    }

    private static long micros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static long ceilMicros(Instant t) {
        return micros(t) + (t.getNano() % 1000 == 0 ? 0 : 1);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateBudget b && paceAt == b.paceAt && Arrays.equals(day, b.day)
                && (day.length == 0 || dayFrom == b.dayFrom);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(paceAt) * 31 + (day.length == 0 ? 0 : Long.hashCode(dayFrom) * 31 + Arrays.hashCode(day));
    }

    @Override
    public String toString() {
        return "RateBudget[paceAt=" + paceAt().map(Instant::toString).orElse("none") + ", dayFrom=" + dayFrom()
                + ", dayRecipients=" + Arrays.toString(day) + "]";
    }
}
