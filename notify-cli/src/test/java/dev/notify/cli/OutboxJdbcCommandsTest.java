package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Channel;
import dev.notify.DeliveryStatus;
import dev.notify.outbox.JdbcJournal;
import dev.notify.outbox.OutboxEntry;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.spi.Journal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code notify outbox list} on the JDBC journal shows an SMS's delivery status, as on the file journal. */
class OutboxJdbcCommandsTest {

    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void listShowsTheDeliveryStatusAReceiptRecordedOnAnAcceptedSms() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(JdbcJournal.postgresqlDdl());
        }
        try (Journal journal = JdbcJournal.builder(postgres.getPostgresDatabase()).build()) {
            OutboxEntry sms = OutboxEntry.pending("sms-1", Optional.empty(), Channel.SMS, "<sms-1@notify>", T);
            journal.append(sms, "passcode".getBytes(StandardCharsets.UTF_8));
            journal.claimDue(T, 1);
            journal.update(sms.finished(OutboxState.ACCEPTED, 1, Optional.empty(), Optional.empty(),
                    List.of("+15550101234"), List.of(), T, T.plusSeconds(86_400)).withServiceMessageId("SM42"), null);
            journal.recordDelivery("sms-1", DeliveryStatus.DELIVERED);
        }

        CliRun run = CliRun.of("outbox", "list", "--jdbc-url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--state", "accepted");
        CliRun json = CliRun.of("outbox", "list", "--jdbc-url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--state", "accepted", "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("sms-1  ACCEPTED").contains("delivery DELIVERED");
        assertThat(json.json().get("entries").get(0).get("delivery").asText()).isEqualTo("DELIVERED");
    }
}
