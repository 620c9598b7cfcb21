package dev.notify.outbox.internal;

import static java.time.temporal.ChronoUnit.MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.outbox.spi.Journal.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one rate-budget rule, on injected times: its guarantees, its margin, and that it makes nothing wait needlessly. */
class RateBudgetTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final int SEEDS = 40;

    /** A message taken from the budget: when, to how many, and when the relay counted it. */
    private record Sent(Instant takenAt, int recipients, Instant relayAt) {
    }

    @Test
    void aBurstGoesAtTheLimitsPaceAfterTheCatchUp() {
        RateLimit thirty = new RateLimit(30, 0);
        Duration spacing = RateBudget.spacing(30);

        RateBudget.Decision first = RateBudget.EMPTY.take(1, NOW, thirty);
        RateBudget.Decision second = first.budget().take(1, NOW, thirty);
        RateBudget.Decision atCatchUp = first.budget().take(1, NOW.plus(spacing).minus(RateBudget.CATCH_UP), thirty);

        assertThat(spacing).isEqualTo(Duration.ofMillis(2100));
        assertThat(first.fitsAt()).isEmpty();
        assertThat(first.budget().paceAt()).contains(NOW.plus(spacing));
        assertThat(second.fitsAt()).contains(NOW.plus(spacing).minus(RateBudget.CATCH_UP));
        assertThat(second.budget()).isEqualTo(first.budget());
        assertThat(atCatchUp.fitsAt()).isEmpty();
        assertThat(atCatchUp.budget().paceAt()).contains(NOW.plus(spacing).plus(spacing));
    }

    @Test
    void recipientsOfADayWaitUntilTheOldestBucketsThatMakeRoomHaveLeftTheDay() {
        RateLimit hundred = new RateLimit(0, 100);
        RateBudget budget = RateBudget.EMPTY.take(60, NOW.plusSeconds(10), hundred).budget()
                .take(30, NOW.plusSeconds(3600), hundred).budget();

        RateBudget.Decision tooMany = budget.take(20, NOW.plusSeconds(7200), hundred);
        Instant firstBucketLeaves = NOW.plus(RateBudget.BUCKET).plus(DAY).plus(RateBudget.MARGIN);

        assertThat(budget.take(10, NOW.plusSeconds(7200), hundred).fitsAt()).isEmpty();
        assertThat(tooMany.fitsAt()).contains(firstBucketLeaves);
        assertThat(budget.take(20, firstBucketLeaves.minusNanos(1000), hundred).fitsAt()).isPresent();
        int[] afterIt = budget.take(20, firstBucketLeaves, hundred).budget().dayRecipients();
        assertThat(afterIt[0]).isEqualTo(30);
        assertThat(afterIt[afterIt.length - 1]).isEqualTo(20);
        assertThat(Arrays.stream(afterIt).sum()).isEqualTo(50);
    }

    @Test
    void aMessageToMoreRecipientsThanADayAllowsGoesAloneIntoAnEmptyDay() {
        RateLimit hundred = new RateLimit(0, 100);
        RateBudget one = RateBudget.EMPTY.take(1, NOW, hundred).budget();
        Instant dayEmpty = NOW.plus(RateBudget.BUCKET).plus(DAY).plus(RateBudget.MARGIN);

        assertThat(one.take(500, NOW.plusSeconds(60), hundred).fitsAt()).contains(dayEmpty);
        RateBudget.Decision alone = one.take(500, dayEmpty, hundred);
        assertThat(alone.fitsAt()).isEmpty();
        assertThat(alone.budget().take(1, dayEmpty.plusSeconds(60), hundred).fitsAt())
                .as("its bucket, from 00:05 on the 2nd, leaves the day").contains(Instant.parse("2030-01-03T00:10:02Z"));
        assertThat(RateBudget.EMPTY.take(500, NOW, hundred).fitsAt()).as("an empty day").isEmpty();
    }

    @Test
    void aMessageFitsOnlyWhenItFitsBothLimitsAndThenAtTheLaterTime() {
        RateLimit both = new RateLimit(60, 3);
        RateBudget budget = RateBudget.EMPTY.take(3, NOW, both).budget();

        RateBudget.Decision second = budget.take(1, NOW.plusSeconds(5), both);

        assertThat(second.fitsAt()).contains(NOW.plus(RateBudget.BUCKET).plus(DAY).plus(RateBudget.MARGIN));
        assertThat(second.budget()).isEqualTo(budget);
    }

    @Test
    void aBudgetIsRebuiltFromWhatItStoresAndTheDayStaysBounded() {
        RateLimit limit = new RateLimit(40, 1_000_000);
        RateBudget budget = RateBudget.EMPTY;
        for (Instant at = NOW; at.isBefore(NOW.plus(Duration.ofDays(3))); at = at.plusSeconds(90)) {
            budget = budget.take(3, at, limit).budget();
        }

        RateBudget stored = RateBudget.of(budget.paceAt(), budget.dayFrom(), budget.dayRecipients());

        assertThat(stored).isEqualTo(budget).hasSameHashCodeAs(budget);
        assertThat(budget.dayRecipients()).hasSizeLessThanOrEqualTo(290);
        assertThat(RateBudget.of(Optional.empty(), Instant.EPOCH, new int[0])).isEqualTo(RateBudget.EMPTY);
        assertThatThrownBy(() -> RateBudget.of(Optional.empty(), NOW, new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBacklogOnAClockOfWholeSecondsDrainsAtTheLimitsPace() {
        RateLimit sixty = new RateLimit(60, 0);
        RateBudget budget = RateBudget.EMPTY;
        List<Instant> taken = new ArrayList<>();
        for (Instant at = NOW; taken.size() < 300; at = at.plusSeconds(1)) {
            for (RateBudget.Decision d = budget.take(1, at, sixty); d.fitsAt().isEmpty() && taken.size() < 300;
                    d = budget.take(1, at, sixty)) {
                budget = d.budget();
                taken.add(at);
            }
        }

        Duration last = Duration.between(NOW, taken.get(taken.size() - 1));
        assertThat(busiest(taken, MINUTE)).isLessThanOrEqualTo(60);
        assertThat(last).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
    }

    /**
     * A backlog taken as early as the rule allows; the relay gets every message but the last late. Up to
     * {@link RateBudget#MARGIN} late, no 60 s of the relay's hold more than the limit; a millisecond more, and one
     * does: the margin is what the guarantee tolerates, no more.
     */
    @Test
    void theLimitHoldsForARelayThatCountsUpToTheMarginLateAndNoLater() {
        RateLimit thirty = new RateLimit(30, 0);
        RateBudget budget = RateBudget.EMPTY;
        List<Instant> taken = new ArrayList<>();
        Instant at = NOW;
        while (taken.size() < 31) {
            RateBudget.Decision d = budget.take(1, at, thirty);
            if (d.fitsAt().isPresent()) {
                at = d.fitsAt().get();
            } else {
                budget = d.budget();
                taken.add(at);
            }
        }
        List<Instant> withinMargin = late(taken, RateBudget.MARGIN);
        List<Instant> later = late(taken, RateBudget.MARGIN.plusMillis(1));

        assertThat(Duration.between(taken.get(0), taken.get(30))).isEqualTo(MINUTE.plus(RateBudget.MARGIN));
        assertThat(busiest(withinMargin, MINUTE)).isEqualTo(30);
        assertThat(busiest(later, MINUTE)).isEqualTo(31);
    }

    /** Every time but the last, {@code by} later. */
    private static List<Instant> late(List<Instant> times, Duration by) {
        List<Instant> late = new ArrayList<>(times.stream().map(t -> t.plus(by)).toList());
        late.set(late.size() - 1, times.get(times.size() - 1));
        return late;
    }

    /**
     * Random senders, each retrying at the time it was told (or a little later, as a worker's poll would), with
     * random limits; the relay receives every message up to {@link RateBudget#MARGIN} after its budget was taken.
     * The relay never counts more than the limit in any 60 s, and a message is deferred only when it would go more
     * than {@link RateBudget#CATCH_UP} ahead of the pace, checked against the leaky-bucket form of the same rule.
     */
    @Test
    void messagesPerMinuteHoldForTheRelayAndWaitOnlyWhenAheadOfThePace() {
        int messages = 0;
        int deferred = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            int perMinute = 1 + random.nextInt(seed % 2 == 0 ? 10 : 60);
            RateLimit limit = new RateLimit(perMinute, 0);
            long spacing = RateBudget.spacing(perMinute).toNanos() / 1000;
            long tolerance = RateBudget.CATCH_UP.toNanos() / 1000;
            long bucket = 0;
            long lastConforming = Long.MIN_VALUE;
            RateBudget budget = RateBudget.EMPTY;
            List<Sent> sent = new ArrayList<>();
            PriorityQueue<Instant> attempts = arrivals(random, perMinute, Duration.ofMinutes(30));
            int before = sent.size() + attempts.size();
            while (!attempts.isEmpty()) {
                Instant at = attempts.poll();
                long now = micros(at);
                long level = lastConforming == Long.MIN_VALUE ? 0 : Math.max(0, bucket - (now - lastConforming));
                boolean conforms = level <= tolerance;
                RateBudget.Decision d = budget.take(1, at, limit);

                assertThat(d.fitsAt().isEmpty()).as("seed %d at %s: taken as the leaky bucket would", seed, at)
                        .isEqualTo(conforms);
                if (conforms) {
                    bucket = level + spacing;
                    lastConforming = now;
                    budget = d.budget();
                    sent.add(new Sent(at, 1, at.plusNanos(random.nextLong(RateBudget.MARGIN.toNanos() + 1))));
                } else {
                    Instant fits = d.fitsAt().orElseThrow();
                    assertThat(budget.take(1, fits, limit).fitsAt()).as("fits when told").isEmpty();
                    assertThat(budget.take(1, fits.minusNanos(1000), limit).fitsAt()).as("not earlier").isPresent();
                    attempts.add(fits.plusMillis(random.nextInt(4) == 0 ? random.nextInt(1500) : 0));
                    deferred++;
                }
            }

            assertThat(sent).as("seed %d: every message went", seed).hasSize(before);
            messages += sent.size();
            assertThat(busiest(sent.stream().map(Sent::relayAt).toList(), MINUTE))
                    .as("seed %d: messages in any 60 s the relay measures, at %d a minute", seed, perMinute)
                    .isLessThanOrEqualTo(perMinute);
        }
        System.out.printf("RateBudgetTest: messages per minute, %d seeds: %d messages taken, %d deferrals, each as the "
                + "leaky bucket decides; no relay minute over its limit%n", SEEDS, messages, deferred);
    }

    /**
     * Random senders of messages to random numbers of recipients (a few to more than the day allows) over four days;
     * the relay receives each up to {@link RateBudget#MARGIN} late. No 24 hours of the relay count more than the
     * limit (a message larger than the limit alone in its day), and a message is deferred only when the recipients
     * taken within the day, the margin and one bucket before it, plus its own, exceed the limit.
     */
    @Test
    void recipientsPerDayHoldForTheRelayAndWaitOnlyWhenTheDayIsFull() {
        int messages = 0;
        int deferred = 0;
        int oversized = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(1000 + seed);
            int perDay = 20 + random.nextInt(500);
            RateLimit limit = new RateLimit(0, perDay);
            RateBudget budget = RateBudget.EMPTY;
            List<Sent> sent = new ArrayList<>();
            PriorityQueue<Sent> attempts = new PriorityQueue<>(Comparator.comparing(Sent::takenAt));
            for (Instant at : arrivals(random, 3 * perDay / 40, Duration.ofDays(4))) {
                int recipients = random.nextInt(100) == 0 ? perDay + 1 + random.nextInt(10) : 1 + random.nextInt(40);
                attempts.add(new Sent(at, recipients, at));
            }
            int before = attempts.size();
            while (!attempts.isEmpty()) {
                Sent attempt = attempts.poll();
                Instant at = attempt.takenAt();
                int recipients = attempt.recipients();
                RateBudget.Decision d = budget.take(recipients, at, limit);
                long within = recipientsWithin(sent, at, DAY.plus(RateBudget.MARGIN).plus(RateBudget.BUCKET));
                long exactly = recipientsWithin(sent, at, DAY.plus(RateBudget.MARGIN));
                if (d.fitsAt().isPresent()) {
                    assertThat(within + recipients).as("seed %d at %s: deferred only when the day is full", seed, at)
                            .isGreaterThan(perDay);
                    assertThat(within).as("an empty day takes any message").isPositive();
                    assertThat(d.fitsAt().get()).isAfter(at);
                    attempts.add(new Sent(d.fitsAt().get(), recipients, at));
                    deferred++;
                } else {
                    assertThat(exactly == 0 || exactly + recipients <= perDay).as("seed %d at %s", seed, at).isTrue();
                    budget = d.budget();
                    sent.add(new Sent(at, recipients, at.plusNanos(random.nextLong(RateBudget.MARGIN.toNanos() + 1))));
                    oversized += recipients > perDay ? 1 : 0;
                }
                assertThat(budget.dayRecipients()).hasSizeLessThanOrEqualTo(290);
            }

            List<Instant> relayed = sent.stream().map(Sent::relayAt).toList();
            for (Sent s : sent) {
                long inDay = sent.stream().filter(o -> !o.relayAt().isBefore(s.relayAt())
                        && o.relayAt().isBefore(s.relayAt().plus(DAY))).mapToLong(Sent::recipients).sum();
                long inOneDay = relayed.stream().filter(t -> !t.isBefore(s.relayAt())
                        && t.isBefore(s.relayAt().plus(DAY))).count();
                assertThat(inDay <= perDay || inOneDay == 1).as("seed %d: a day of the relay's from %s holds %d "
                        + "recipients in %d messages, limit %d", seed, s.relayAt(), inDay, inOneDay, perDay).isTrue();
            }
            assertThat(sent).as("seed %d: every message went", seed).hasSize(before);
            messages += sent.size();
        }
        assertThat(oversized).as("messages to more than a day's recipients, each alone in its day").isPositive();
        System.out.printf("RateBudgetTest: recipients per day, %d seeds: %d messages taken (%d to more recipients than "
                + "a day allows), %d deferrals; no relay day over its limit%n", SEEDS, messages, oversized, deferred);
    }

    private static PriorityQueue<Instant> arrivals(Random random, int perMinute, Duration over) {
        PriorityQueue<Instant> arrivals = new PriorityQueue<>();
        long span = over.toNanos();
        int bursts = 1 + random.nextInt(5);
        for (int b = 0; b < bursts; b++) {
            Instant start = NOW.plusNanos(random.nextLong(span));
            int size = random.nextInt(2 * perMinute + 2);
            for (int i = 0; i < size; i++) {
                arrivals.add(start.plusNanos(random.nextLong(Duration.ofSeconds(30).toNanos())).truncatedTo(MICROS));
            }
        }
        for (int i = random.nextInt(4 * perMinute + 1); i > 0; i--) {
            arrivals.add(NOW.plusNanos(random.nextLong(span)).truncatedTo(MICROS));
        }
        return arrivals;
    }

    private static long recipientsWithin(List<Sent> sent, Instant now, Duration window) {
        return sent.stream().filter(s -> s.takenAt().isAfter(now.minus(window))).mapToLong(Sent::recipients).sum();
    }

    private static int busiest(List<Instant> times, Duration window) {
        List<Instant> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int busiest = 0;
        int sum = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            sum++;
            while (!sorted.get(from).plus(window).isAfter(sorted.get(to))) {
                sum--;
                from++;
            }
            busiest = Math.max(busiest, sum);
        }
        return busiest;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
