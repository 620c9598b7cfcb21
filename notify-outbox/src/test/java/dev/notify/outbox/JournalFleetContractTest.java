package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.outbox.internal.RateBudget;
import dev.notify.outbox.spi.Journal;
import dev.notify.outbox.spi.Journal.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Journal} does with the methods a fleet needs: batch updates fenced by the claim's token, per-server
 * pause, slow-down and rate budget, and stats. Each implementation's test extends this; it includes
 * {@link JournalContractTest}.
 */
abstract class JournalFleetContractTest extends JournalContractTest {

    static OutboxEntry pendingFor(String id, String server, Instant due) {
        return OutboxEntry.pending(id, Optional.of(server), Channel.EMAIL, "<" + id + "@example.com>", due);
    }

    private static OutboxEntry accepted(OutboxEntry e) {
        return e.finished(OutboxState.ACCEPTED, 1, Optional.empty(), Optional.empty(), List.of("a@example.com"),
                List.of(), NOW, NOW.plusSeconds(3600));
    }

    @Test
    void batchUpdateStoresEachHeldClaimAndRefusesAStaleToken() {
        journal.append(pending("a", NOW), content("a"));
        journal.append(pending("b", NOW), content("b"));
        Journal.Claim first = journal.claimDue(NOW, 1).get(0);
        journal.release(first.entry().id());
        List<Journal.Claim> claims = journal.claimDue(NOW, 2);
        Journal.Claim again = claims.stream().filter(c -> c.entry().id().equals(first.entry().id())).findFirst()
                .orElseThrow();
        Journal.Claim other = claims.stream().filter(c -> c != again).findFirst().orElseThrow();

        List<Boolean> stored = journal.update(List.of(Journal.Update.of(first, accepted(first.entry()), null),
                Journal.Update.of(other, accepted(other.entry()), null)));

        assertThat(again.token()).isNotEqualTo(first.token());
        assertThat(stored).containsExactly(false, true);
        assertThat(journal.find(first.entry().id())).map(OutboxEntry::state).contains(OutboxState.PENDING);
        assertThat(journal.find(other.entry().id())).map(OutboxEntry::state).contains(OutboxState.ACCEPTED);
        assertThat(journal.update(List.of(Journal.Update.of(again, accepted(again.entry()), null))))
                .containsExactly(true);
    }

    @Test
    void pausedServerIsNotClaimedUntilResumedAndOthersAre() {
        journal.append(pendingFor("a", "eu-1", NOW), content("a"));
        journal.append(pendingFor("b", "eu-2", NOW.plusSeconds(1)), content("b"));

        journal.pause("eu-1");

        assertThat(journal.claimDue(NOW.plusSeconds(1), 10)).extracting(c -> c.entry().id()).containsExactly("b");
        assertThat(journal.stats(NOW.plusSeconds(1)).pausedServers()).containsExactly("eu-1");
        journal.resume("eu-1");
        assertThat(journal.claimDue(NOW.plusSeconds(1), 10)).extracting(c -> c.entry().id()).containsExactly("a");
        assertThat(journal.stats(NOW.plusSeconds(1)).pausedServers()).isEmpty();
    }

    @Test
    void slowedServerWaitsUntilItsLatestHold() {
        journal.append(pendingFor("a", "eu-1", NOW), content("a"));

        journal.slowDown("eu-1", NOW.plusSeconds(30));
        journal.slowDown("eu-1", NOW.plusSeconds(10));

        assertThat(journal.claimDue(NOW.plusSeconds(29), 10)).isEmpty();
        assertThat(journal.nextDue()).contains(NOW.plusSeconds(30));
        assertThat(journal.stats(NOW).heldUntil()).containsEntry("eu-1", NOW.plusSeconds(30));
        assertThat(journal.claimDue(NOW.plusSeconds(30), 10)).hasSize(1);
    }

    @Test
    void budgetOfMessagesPerMinuteHoldsTheServerUntilTheNextMessageKeepsThePace() {
        RateLimit twoAMinute = new RateLimit(2, 0);
        Duration spacing = Duration.ofMillis(31_500);
        journal.append(pendingFor("a", "eu-1", NOW), content("a"));

        assertThat(journal.takeBudget("eu-1", 1, NOW, twoAMinute)).isEmpty();
        assertThat(journal.takeBudget("eu-1", 1, NOW.plusSeconds(20), twoAMinute))
                .contains(NOW.plus(spacing).minus(RateBudget.CATCH_UP));
        assertThat(journal.takeBudget("eu-2", 1, NOW.plusSeconds(20), twoAMinute)).as("another server's").isEmpty();

        assertThat(journal.claimDue(NOW.plusSeconds(30), 10)).isEmpty();
        assertThat(journal.stats(NOW.plusSeconds(30)).heldUntil())
                .containsEntry("eu-1", NOW.plus(spacing).minus(RateBudget.CATCH_UP));
        assertThat(journal.takeBudget("eu-1", 1, NOW.plus(spacing).minus(RateBudget.CATCH_UP), twoAMinute)).isEmpty();
        assertThat(journal.takeBudget("eu-1", 1, NOW.plusSeconds(40), twoAMinute))
                .contains(NOW.plus(spacing).plus(spacing).minus(RateBudget.CATCH_UP));
    }

    @Test
    void budgetOfRecipientsPerDayCountsEveryRecipientUntilItsBucketLeavesTheDay() {
        RateLimit fivePerDay = new RateLimit(0, 5);
        Instant firstBucketLeaves = NOW.plus(RateBudget.BUCKET).plus(Duration.ofDays(1)).plus(RateBudget.MARGIN);

        assertThat(journal.takeBudget("eu-1", 3, NOW, fivePerDay)).isEmpty();
        assertThat(journal.takeBudget("eu-1", 2, NOW.plus(RateBudget.BUCKET), fivePerDay)).isEmpty();
        assertThat(journal.takeBudget("eu-1", 1, NOW.plusSeconds(600), fivePerDay)).contains(firstBucketLeaves);
        assertThat(journal.takeBudget("eu-1", 3, firstBucketLeaves, fivePerDay)).isEmpty();
        assertThat(journal.takeBudget("eu-2", 9, NOW, fivePerDay)).as("more than a day's, into an empty day").isEmpty();
    }

    /**
     * A random scenario over several servers and limits: the journal decides every take as the one
     * {@link RateBudget} rule does, through its storage of the state (a database row, memory).
     */
    @Test
    void budgetDecidesEveryTakeAsTheOneRateBudgetRule() {
        Random random = new Random(28);
        Map<String, RateBudget> expected = new HashMap<>();
        List<RateLimit> limits = List.of(new RateLimit(30, 0), new RateLimit(0, 40), new RateLimit(12, 25));
        Instant at = NOW;
        for (int i = 0; i < 150; i++) {
            at = at.plusMillis(random.nextInt(4) == 0 ? random.nextInt(20 * 60_000) : random.nextInt(3000));
            String server = "eu-" + random.nextInt(3);
            RateLimit limit = limits.get(server.charAt(3) - '0');
            int recipients = 1 + random.nextInt(random.nextInt(10) == 0 ? 50 : 5);
            RateBudget.Decision rule = expected.getOrDefault(server, RateBudget.EMPTY).take(recipients, at, limit);
            expected.put(server, rule.budget());

            assertThat(journal.takeBudget(server, recipients, at, limit)).as("take %d: %d to %s at %s", i, recipients,
                    server, at).isEqualTo(rule.fitsAt());
        }
    }

    @Test
    void statsCountByStateAndTellWhenTheLongestDueFellDue() {
        journal.append(pendingFor("a", "eu-1", NOW), content("a"));
        journal.append(pendingFor("b", "eu-2", NOW.plusSeconds(50)), content("b"));
        journal.append(pendingFor("c", "eu-2", NOW.plusSeconds(500)), content("c"));
        journal.pause("eu-1");

        OutboxStats stats = journal.stats(NOW.plusSeconds(100));

        assertThat(stats.counts()).containsEntry(OutboxState.PENDING, 3L).containsEntry(OutboxState.FAILED, 0L);
        assertThat(stats.oldestDue()).contains(NOW);
        assertThat(stats.oldestDueAge()).isEqualTo(Duration.ofSeconds(100));
        assertThat(stats.waiting()).isEqualTo(3);
    }

    @Test
    void renewKeepsEveryClaimThisProcessStillHolds() {
        journal.append(pending("a", NOW), content("a"));
        List<Journal.Claim> claims = journal.claimDue(NOW, 1);

        assertThat(journal.renew(claims, NOW.plusSeconds(1))).containsExactly(true);
    }
}
