package dev.notify.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.settings.Secret;
import dev.notify.store.HistoryEntry.Kind;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL store against a real PostgreSQL: the contract, notifications, a database that goes away, SIGKILL. */
@SuppressWarnings("deprecation") // the driver's pool, deprecated for production, not for tests
class JdbcSettingsStoreTest extends SettingsStoreContract {

    private static final List<String> TABLES = List.of("notify_settings_version", "notify_settings",
            "notify_settings_history", "notify_settings_change");

    @TempDir
    Path dir;

    private String url;
    private org.postgresql.ds.PGPoolingDataSource pool;
    private DataSource target;

    @BeforeEach
    void newDatabase() {
        url = EmbeddedDatabase.shared().newDatabase();
        pool = EmbeddedDatabase.pooled(url);
    }

    @AfterEach
    void closePool() {
        closeStores();
        pool.close();
    }

    @Override
    protected SettingsStore openStore(StoreOptions options) {
        return JdbcSettingsStore.builder(target != null ? target : pool).options(options).build();
    }

    /** {@code SELECT *} of every table, as a database dump would hold them. */
    @Override
    protected byte[] rawStoredBytes() throws Exception {
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData columns = r.getMetaData();
                    while (r.next()) {
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            dump.write((r.getString(i) + "\t").getBytes(StandardCharsets.UTF_8));
                        }
                        dump.write('\n');
                    }
                }
            }
        }
        return dump.toByteArray();
    }

    @Test
    void databaseDumpHoldsTheSettingsAndHistoryButNoSecretsPlainText() throws Exception {
        SettingsStore store = open();

        store.apply(ChangeSet.builder(0, "ann").set("relay.host", "smtp.example.com")
                .setSecret("relay.password", Secret.of(PLAIN_PASSWORD)).build());
        store.rollback(0, "bob", null);

        String dump = new String(rawStoredBytes(), StandardCharsets.UTF_8);
        assertThat(dump).contains("smtp.example.com", "ann", "bob", "${enc:v1:k1:").doesNotContain(PLAIN_PASSWORD);
    }

    @Test
    void anotherStoresChangeArrivesByNotificationWithoutAnyCheckOnTheSendPath() throws Exception {
        SettingsStore reader = open(options().checkInterval(Duration.ofHours(1)).build());
        BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        reader.addListener(new StoreListener() {
            @Override
            public void settingsChanged(long version) {
                seen.add(version);
            }
        });

        open().apply(ChangeSet.builder(0, "ann").set("relay.host", "new.example.com").build());

        assertThat(seen.poll(30, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(reader.current().resolveGlobal().get(RelaySettings.HOST)).isEqualTo("new.example.com");
    }

    @Test
    void tablesAreNotCreatedWhenTurnedOff() {
        assertThatThrownBy(() -> JdbcSettingsStore.builder(pool).createTables(false).options(options().build())
                .description("settings db").build())
                .isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("settings db cannot be read");
    }

    @Test
    void unreachableDatabaseIsUnavailableWithoutThePassword() {
        org.postgresql.ds.PGSimpleDataSource unreachable = new org.postgresql.ds.PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/postgres");
        unreachable.setUser("app");
        unreachable.setPassword("s3cret-pw");
        unreachable.setConnectTimeout(2);

        assertThatThrownBy(() -> JdbcSettingsStore.builder(unreachable).options(options().build()).build())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("PostgreSQL settings store tables cannot be created")
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void databaseDownKeepsTheLastGoodSettingsReportsItAndRecoversByItself() throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.on(dir.resolve("pg"), freePort())) {
            DataSource dataSource = EmbeddedDatabase.dataSource(server.url("postgres"));
            SettingsStore store = open(options().checkInterval(Duration.ofMillis(200)).build(), dataSource);
            store.apply(ChangeSet.builder(0, "ann").set("relay.host", "before.example.com").build());
            BlockingQueue<StoreStatus.State> states = new LinkedBlockingQueue<>();
            BlockingQueue<Long> versions = new LinkedBlockingQueue<>();
            store.addListener(new StoreListener() {
                @Override
                public void statusChanged(StoreStatus status) {
                    states.add(status.state());
                }

                @Override
                public void settingsChanged(long version) {
                    versions.add(version);
                }
            });

            server.stop();

            assertThat(states.poll(30, TimeUnit.SECONDS)).isEqualTo(StoreStatus.State.UNAVAILABLE);
            assertThat(store.current().resolveGlobal().get(RelaySettings.HOST)).isEqualTo("before.example.com");
            assertThat(store.status().problem()).hasValueSatisfying(p -> assertThat(p)
                    .contains("cannot be reached").contains("version 1 stays in force"));
            assertThatThrownBy(store::snapshot).isInstanceOf(StoreUnavailableException.class);

            server.start();

            StoreStatus.State state;
            do {
                state = states.poll(30, TimeUnit.SECONDS);
                assertThat(state).as("the store is readable again").isNotNull();
            } while (state == StoreStatus.State.UNAVAILABLE);
            assertThat(state).isEqualTo(StoreStatus.State.OK);
            SettingsStore editor = open(options().build(), dataSource);
            editor.apply(ChangeSet.builder(1, "bob").set("relay.host", "after.example.com").build());
            assertThat(versions.poll(30, TimeUnit.SECONDS)).isEqualTo(2L);
            assertThat(store.current().resolveGlobal().get(RelaySettings.HOST)).isEqualTo("after.example.com");
            closeStores();
        }
    }

    @Test
    void childJvmKilledInTheMiddleOfAppliesLeavesOneWholeVersion() throws Exception {
        open().snapshot();
        for (int kill = 0; kill < 2; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), ApplyLoop.class.getName(), url)
                    .redirectError(dir.resolve("child-" + kill + ".log").toFile()).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (int applied = 0; applied < 5 + 7 * kill; applied++) {
                    assertThat(out.readLine()).as("child applied a change").startsWith("A ");
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            SettingsStore store = open();
            Map<String, String> values = store.snapshot().values();
            Set<String> rounds = new HashSet<>();
            for (int s = 0; s < ApplyLoop.SERVERS; s++) {
                rounds.add(values.get("servers.s" + s + ".relay.user"));
            }
            assertThat(rounds).hasSize(1);
            String round = rounds.iterator().next().substring("round-".length());
            assertThat(values.get("relay.host")).isEqualTo("h" + round + ".example.com");
            List<HistoryEntry> history = store.history(0, Integer.MAX_VALUE);
            assertThat(history).extracting(HistoryEntry::version).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, history.size()).boxed().toList());
            assertThat(history).allMatch(e -> e.kind() == Kind.APPLIED);
            Map<String, String> replayed = new LinkedHashMap<>();
            history.forEach(e -> e.changes().forEach(c -> c.after().ifPresentOrElse(
                    v -> replayed.put(c.key(), v), () -> replayed.remove(c.key()))));
            assertThat(values).isEqualTo(replayed);
            assertThat(store.snapshot().version()).isEqualTo(history.size());
        }
    }

    private SettingsStore open(StoreOptions options, DataSource dataSource) {
        target = dataSource;
        try {
            return open(options);
        } finally {
            target = null;
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
