package dev.notify.sms.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.DeliveryState;
import dev.notify.DeliveryStatus;
import dev.notify.message.SmsMessage;
import dev.notify.outbox.DurableOutbox;
import dev.notify.outbox.FileJournal;
import dev.notify.outbox.JdbcJournal;
import dev.notify.outbox.OutboxState;
import dev.notify.outbox.spi.Journal;
import dev.notify.testkit.sms.InfobipServerExtension;
import dev.notify.testkit.sms.SentSms;
import dev.notify.testkit.sms.SmsServiceExtension;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.testkit.sms.VonageServerExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Receipts for SMS sent before a restart: an outbox on each journal delivers SMS to a service stub, the outbox and the
 * notifier are closed, new ones start on the same journal (so neither the notifier's tracker nor the outbox has the
 * sends in memory), and then the stub's callbacks arrive: each entry gets its status from the journal's record of
 * the id the service gave it. A new outbox on a notifier that still tracks the sends finds the entries by Message-ID.
 */
class DeliveryReceiptsAfterRestartTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static DataSource pool;

    @RegisterExtension
    static final TwilioServerExtension twilio = TwilioServerExtension.create();
    @RegisterExtension
    static final VonageServerExtension vonage = VonageServerExtension.create();
    @RegisterExtension
    static final InfobipServerExtension infobip = InfobipServerExtension.create();

    @TempDir
    Path directory;

    static Stream<Arguments> journalsAndServices() {
        return Stream.of("file", "postgresql").flatMap(journal -> Stream.of("twilio", "vonage", "infobip")
                .map(service -> Arguments.of(journal, service)));
    }

    @ParameterizedTest(name = "{0} journal, {1}")
    @MethodSource("journalsAndServices")
    void receiptsForSmsSentBeforeARestartUpdateTheirEntries(String journalKind, String serviceId) throws Exception {
        SmsServiceExtension stub = Map.<String, SmsServiceExtension>of("twilio", twilio, "vonage", vonage, "infobip",
                infobip).get(serviceId);
        Supplier<Journal> journal = journal(journalKind);
        List<String> entries = new ArrayList<>();
        try (ReceiptHost before = new ReceiptHost(stub, CLOCK, 2, 2);
                DurableOutbox outbox = DurableOutbox.builder(before.notifier).journal(journal.get()).build()) {
            entries.add(outbox.global().enqueueSms(SmsMessage.of("+1 (555) 010-1234", "passcode 424242")));
            entries.add(outbox.global().enqueueSms(SmsMessage.of("+1 (555) 010-5678", "passcode 737373")));
            assertThat(before.sent.await(30, TimeUnit.SECONDS)).as("the outbox sent both SMS").isTrue();
        }
        List<SentSms> sent = stub.messages();
        assertThat(sent).hasSize(2);

        try (ReceiptHost after = new ReceiptHost(stub, CLOCK, 2);
                DurableOutbox outbox = DurableOutbox.builder(after.notifier).journal(journal.get()).build()) {
            for (SentSms sms : sent) {
                List<Integer> answers = stub.statusCallbacks(sms).signedAt(NOW).shuffled(new Random(7)).duplicated(2)
                        .to(ReceiptSettingKeys.callbackUrl(after.server.uri(), serviceId, null)).send();
                assertThat(answers).containsOnly(200);
            }

            for (String entry : entries) {
                assertThat(outbox.find(entry)).hasValueSatisfying(e -> {
                    assertThat(e.state()).isEqualTo(OutboxState.ACCEPTED);
                    assertThat(e.serviceMessageId()).hasValueSatisfying(id -> assertThat(sent)
                            .extracting(SentSms::messageId).contains(id));
                    assertThat(e.delivery()).contains(DeliveryStatus.DELIVERED);
                });
            }
            for (SentSms sms : sent) {
                assertThat(after.notifier.deliveries().find(sms.messageId())).map(DeliveryState::status)
                        .contains(DeliveryStatus.DELIVERED);
            }
            assertThat(after.deliveries).filteredOn(e -> e.status() == DeliveryStatus.DELIVERED).hasSize(2)
                    .allSatisfy(e -> assertThat(e.smsMessageId()).isPresent());
        }
    }

    @ParameterizedTest(name = "{0} journal")
    @ValueSource(strings = {"file", "postgresql"})
    void aNewOutboxOnTheSameNotifierFindsTheEntryOfAReceiptByItsMessageId(String journalKind) throws Exception {
        Supplier<Journal> journal = journal(journalKind);
        try (ReceiptHost host = new ReceiptHost(twilio, CLOCK, 2)) {
            String entry;
            try (DurableOutbox first = DurableOutbox.builder(host.notifier).journal(journal.get()).build()) {
                entry = first.global().enqueueSms(SmsMessage.of("+1 (555) 010-1234", "passcode 424242"));
                assertThat(host.sent.await(30, TimeUnit.SECONDS)).as("the outbox sent the SMS").isTrue();
            }
            try (DurableOutbox second = DurableOutbox.builder(host.notifier).journal(journal.get()).build()) {
                assertThat(twilio.statusCallbacks(twilio.messages().get(0)).signedAt(NOW).send()).containsOnly(200);

                assertThat(second.find(entry).orElseThrow().delivery()).contains(DeliveryStatus.DELIVERED);
            }
        }
    }

    private Supplier<Journal> journal(String kind) throws SQLException, IOException {
        if (kind.equals("file")) {
            return () -> FileJournal.in(directory);
        }
        String table = "receipts_" + TABLES.incrementAndGet();
        try (Connection c = postgres().getConnection(); Statement s = c.createStatement()) {
            s.execute(JdbcJournal.postgresqlDdl().replace("notify_outbox", table));
        }
        return () -> JdbcJournal.builder(pool).table(table).build();
    }

    /** One embedded PostgreSQL for the class, on a free loopback port, with a small pool. */
    @SuppressWarnings("deprecation")
    private static synchronized DataSource postgres() throws IOException {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().start();
            org.postgresql.ds.PGPoolingDataSource pooling = new org.postgresql.ds.PGPoolingDataSource();
            pooling.setURL(postgres.getJdbcUrl("postgres", "postgres"));
            pooling.setMaxConnections(8);
            pool = pooling;
        }
        return postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
