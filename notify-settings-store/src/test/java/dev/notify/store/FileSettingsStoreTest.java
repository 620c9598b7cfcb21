package dev.notify.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.store.HistoryEntry.KeyChange;
import dev.notify.store.HistoryEntry.Kind;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSettingsStoreTest extends SettingsStoreContract {

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("notify.properties");
    }

    @Override
    protected SettingsStore openStore(StoreOptions options) {
        return FileSettingsStore.open(file(), options);
    }

    @Override
    protected byte[] rawStoredBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Path p : new Path[] {file(), FileSettingsStore.journalOf(file())}) {
            if (Files.exists(p)) {
                out.write(Files.readAllBytes(p));
            }
        }
        return out.toByteArray();
    }

    private void write(String... lines) throws IOException {
        Files.writeString(file(), String.join("\n", lines) + "\n");
    }

    @Test
    void editRewritesOnlyTheChangedLinesAndKeepsCommentsOrderFormattingAndReferences() throws Exception {
        write("# notify settings",
                "email.sender = Support <support@example.com>",
                "relay.host: old.example.com",
                "   # the port",
                "relay.port=25",
                "relay.password=${env:RELAY_PASSWORD}",
                "",
                "# Europe",
                "servers.eu.relay.host=eu.example.com",
                "servers.eu-1.inherits=eu");
        SettingsStore store = open();

        store.apply(ChangeSet.builder(store.snapshot().version(), "ann").set("relay.host", "new.example.com")
                .set("relay.user", "ann").unset("relay.port").set("servers.eu.relay.port", "2525")
                .addServer("us", null).set("servers.us.relay.host", "us.example.com").build());

        assertThat(Files.readString(file())).isEqualTo(String.join("\n",
                "# notify settings",
                "email.sender = Support <support@example.com>",
                "relay.host: new.example.com",
                "   # the port",
                "relay.password=${env:RELAY_PASSWORD}",
                "relay.user=ann",
                "",
                "# Europe",
                "servers.eu.relay.host=eu.example.com",
                "servers.eu.relay.port=2525",
                "servers.eu-1.inherits=eu",
                "",
                "servers.us.relay.host=us.example.com",
                ""));
        assertThat(store.current().resolve("eu-1").get(RelaySettings.PORT)).isEqualTo(2525);
        assertThat(dir.resolve(".notify.properties.tmp")).doesNotExist();
    }

    @Test
    void existingFileIsRecordedAsTheFirstVersionEditedOutsideNotify() throws Exception {
        write("relay.host=smtp.example.com", "relay.password=plain-by-hand");

        SettingsStore store = open();

        HistoryEntry first = store.history(0, 10).get(0);
        assertThat(first.kind()).isEqualTo(Kind.EDITED_OUTSIDE);
        assertThat(first.changes()).extracting(KeyChange::toString)
                .containsExactly("relay.host: (not set) -> smtp.example.com", "relay.password: set");
        assertThat(Files.readString(FileSettingsStore.journalOf(file()))).doesNotContain("plain-by-hand");
    }

    @Test
    void handEditIsUsedOnTheNextReadAndRecordedAsEditedOutsideNotify() throws Exception {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").set("relay.host", "a.example.com").build());

        write("relay.host=b.example.com", "relay.user=bob");

        assertThat(store.current().resolveGlobal().get(RelaySettings.HOST)).isEqualTo("b.example.com");
        HistoryEntry last = store.history(1, 10).get(0);
        assertThat(last.kind()).isEqualTo(Kind.EDITED_OUTSIDE);
        assertThat(last.changes()).extracting(KeyChange::key).containsExactly("relay.host", "relay.user");
        assertThat(store.snapshot().version()).isEqualTo(2);
    }

    @Test
    void changeSetMadeBeforeAHandEditConflictsNamingTheKeysEditedByHand() throws Exception {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").set("relay.host", "a.example.com").build());
        write("relay.host=a.example.com", "relay.port=2525");

        ConflictException conflict = catchThrowableOfType(ConflictException.class,
                () -> store.apply(ChangeSet.builder(1, "ann").set("relay.user", "ann").build()));

        assertThat(conflict.changedKeys()).containsExactly("relay.port");
    }

    @Test
    void brokenHandEditKeepsTheLastGoodSettingsAndIsReportedUntilFixed() throws Exception {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").set("relay.port", "2525").build());
        List<StoreStatus> statuses = new CopyOnWriteArrayList<>();
        store.addListener(new StoreListener() {
            @Override
            public void statusChanged(StoreStatus status) {
                statuses.add(status);
            }
        });

        write("relay.port=70000");

        assertThat(store.current().resolveGlobal().get(RelaySettings.PORT)).isEqualTo(2525);
        assertThat(store.status().state()).isEqualTo(StoreStatus.State.INVALID);
        assertThat(store.status().problem().orElseThrow()).contains("relay.port");
        assertThat(store.history(0, 10)).hasSize(1);
        SettingsException refused = catchThrowableOfType(SettingsException.class, () -> store.apply(
                ChangeSet.builder(1, "ann").set("relay.user", "ann").build()));
        assertThat(refused.problems()).extracting(Problem::key).containsExactly("relay.port");

        store.apply(ChangeSet.builder(1, "ann").set("relay.port", "587").build());

        assertThat(store.current().resolveGlobal().get(RelaySettings.PORT)).isEqualTo(587);
        assertThat(statuses).extracting(StoreStatus::state)
                .containsExactly(StoreStatus.State.INVALID, StoreStatus.State.OK);
        assertThat(store.history(1, 10).get(0).changes()).extracting(KeyChange::toString)
                .containsExactly("relay.port: 2525 -> 587");
    }

    @Test
    void problemTheSettingsAlreadyHadDoesNotBlockAnotherChangeButIsRefusedWhereItIsNew() throws Exception {
        write("relay.port=9");
        SettingsStore store = open();

        store.apply(ChangeSet.builder(1, "ann").set("relay.user", "ann").build());
        SettingsException refused = catchThrowableOfType(SettingsException.class, () -> store.apply(
                ChangeSet.builder(2, "ann").set("servers.eu.relay.port", "9").build()));

        assertThat(refused.problems()).extracting(Problem::toString)
                .containsExactly("servers.eu.relay.port: port 9 is reserved");
    }

    @Test
    void storeOpenedOnAFileThatDoesNotValidateHasNoSettingsInForceUntilItIsFixed() throws Exception {
        write("relay.port=70000");

        SettingsStore store = open();

        assertThat(store.status().state()).isEqualTo(StoreStatus.State.INVALID);
        assertThat(store.current().resolveGlobal().get(RelaySettings.PORT)).isEqualTo(25);
        write("relay.port=2525");
        assertThat(store.current().resolveGlobal().get(RelaySettings.PORT)).isEqualTo(2525);
        assertThat(store.status().isOk()).isTrue();
        assertThat(store.history(0, 10)).extracting(HistoryEntry::kind).containsExactly(Kind.EDITED_OUTSIDE);
    }

    @Test
    void unreadableFileKeepsTheLastGoodSettingsAndMakesTheStoreUnavailable() throws Exception {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").set("relay.port", "2525").build());

        Files.write(file(), new byte[] {'r', '=', (byte) 0xC3, (byte) 0x28});

        assertThat(store.current().resolveGlobal().get(RelaySettings.PORT)).isEqualTo(2525);
        assertThat(store.status().state()).isEqualTo(StoreStatus.State.UNAVAILABLE);
        assertThat(store.status().problem().orElseThrow()).contains("not UTF-8");
        catchThrowableOfType(StoreUnavailableException.class,
                () -> store.apply(ChangeSet.builder(1, "ann").set("relay.port", "25").build()));
    }

    @Test
    void journalLineCutShortByACrashIsIgnoredAndCutOffByTheNextChange() throws Exception {
        SettingsStore first = open();
        first.apply(ChangeSet.builder(0, "ann").set("relay.port", "2525").build());
        Files.writeString(FileSettingsStore.journalOf(file()), "N1 120 1234abcd 2\tAPPL", StandardOpenOption.APPEND);

        SettingsStore store = open();
        store.apply(ChangeSet.builder(1, "ann").set("relay.port", "587").build());

        assertThat(open().history(0, 10)).extracting(HistoryEntry::version).containsExactly(1L, 2L);
        assertThat(Files.readString(FileSettingsStore.journalOf(file()))).doesNotContain("APPL\n");
    }

    @Test
    void alteredJournalLineBeforeIntactOnesMakesTheStoreUnavailable() throws Exception {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").set("relay.port", "2525").build());
        store.apply(ChangeSet.builder(1, "ann").set("relay.port", "587").build());
        Path journal = FileSettingsStore.journalOf(file());
        Files.writeString(journal, Files.readString(journal).replaceFirst("2525", "2526"));

        StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
                () -> open().history(0, 10));

        assertThat(e.getMessage()).contains("damaged");
    }

    @Test
    void processKilledInTheMiddleOfApplyLeavesTheOldStateOrTheNewOneNeverAMix() throws Exception {
        for (int kill = 0; kill < 3; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), ApplyLoop.class.getName(), file().toString())
                    .redirectError(dir.resolve("child-" + kill + ".log").toFile()).start();
            int target = 5 + 7 * kill;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (int applied = 0; applied < target; applied++) {
                    assertThat(out.readLine()).as("child applied a change").startsWith("A ");
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            Properties onDisk = new Properties();
            onDisk.load(new StringReader(Files.readString(file())));
            Set<String> rounds = new HashSet<>();
            for (int s = 0; s < ApplyLoop.SERVERS; s++) {
                rounds.add(onDisk.getProperty("servers.s" + s + ".relay.user"));
            }
            assertThat(rounds).hasSize(1);
            String round = rounds.iterator().next().substring("round-".length());
            assertThat(onDisk.getProperty("relay.host")).isEqualTo("h" + round + ".example.com");

            SettingsStore store = open();
            assertThat(store.status().isOk()).isTrue();
            List<HistoryEntry> history = store.history(0, Integer.MAX_VALUE);
            assertThat(history).extracting(HistoryEntry::version).containsExactlyElementsOf(versions(history.size()));
            Map<String, String> replayed = new LinkedHashMap<>();
            history.forEach(e -> e.changes().forEach(c -> c.after().ifPresentOrElse(
                    v -> replayed.put(c.key(), v), () -> replayed.remove(c.key()))));
            assertThat(store.snapshot().values()).isEqualTo(replayed);
        }
    }

    private static List<Long> versions(int count) {
        List<Long> versions = new ArrayList<>();
        for (long v = 1; v <= count; v++) {
            versions.add(v);
        }
        return versions;
    }
}
