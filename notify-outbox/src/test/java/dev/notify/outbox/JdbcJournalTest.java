package dev.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.outbox.spi.Journal;
import dev.notify.outbox.support.Postgres;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JDBC journal against a real PostgreSQL. */
class JdbcJournalTest extends JournalFleetContractTest {

    private String table;

    @Override
    Journal open() {
        table = Postgres.newTable();
        return journal("first");
    }

    @Override
    Journal reopen() {
        journal.close();
        return journal("restarted");
    }

    private Journal journal(String owner) {
        return JdbcJournal.builder(Postgres.pooled()).table(table).owner(owner).lease(Duration.ofMinutes(1)).build();
    }

    @Test
    void anotherProcessTakesOverAMessageWhoseLeaseRanOutAndTheFirstOutcomeNoLongerCounts() {
        OutboxEntry entry = pending("a", NOW);
        journal.append(entry, content("x"));
        assertThat(journal.claimDue(NOW, 1)).hasSize(1);
        Journal other = journal("second");

        assertThat(other.claimDue(NOW.plusSeconds(59), 1)).isEmpty();
        assertThat(other.claimDue(NOW.plusSeconds(61), 1)).hasSize(1);

        OutboxEntry accepted = entry.finished(OutboxState.ACCEPTED, 1, Optional.empty(), Optional.empty(),
                List.of("x@example.com"), List.of(), NOW, NOW.plusSeconds(60));
        assertThat(journal.update(accepted, null)).isFalse();
        assertThat(other.update(accepted, null)).isTrue();
    }

    @Test
    void unreachableDatabaseIsAJournalExceptionNamingTheTableButNoPassword() {
        org.postgresql.ds.PGSimpleDataSource unreachable = new org.postgresql.ds.PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/postgres");
        unreachable.setUser("app");
        unreachable.setPassword("s3cret-pw");
        unreachable.setConnectTimeout(2);
        Journal broken = JdbcJournal.builder(unreachable).table(table).build();

        assertThatThrownBy(() -> broken.append(pending("a", NOW), content("x")))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("cannot store a message in the outbox table " + table)
                .hasMessageNotContaining("s3cret-pw");
    }
}
