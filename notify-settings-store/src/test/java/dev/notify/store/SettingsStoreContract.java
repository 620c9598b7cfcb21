package dev.notify.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.Problem;
import dev.notify.Notifier;
import dev.notify.SettingsException;
import dev.notify.settings.Origin;
import dev.notify.template.RenderedTemplate;
import dev.notify.template.TemplateMessage;
import java.util.Locale;
import dev.notify.settings.Secret;
import dev.notify.store.HistoryEntry.KeyChange;
import dev.notify.store.HistoryEntry.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SettingsStore} backend does. A backend's test extends this class and says how to open a store
 * on its storage (every call opens another store on the same storage, as another server would) and how to dump the
 * raw bytes it stored, which the secret tests search for plain text.
 */
public abstract class SettingsStoreContract {

    protected static final String PLAIN_PASSWORD = "pl41n-Passw0rd-never-stored";
    protected static final EncryptionKeys KEY_1 = EncryptionKeys.parse("k1:" + key(1), "test keys");
    protected static final EncryptionKeys KEY_2_THEN_1 = EncryptionKeys.parse("k2:" + key(2) + "\nk1:" + key(1),
            "test keys");
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final List<SettingsStore> opened = new CopyOnWriteArrayList<>();

    /** Opens a store on this test's storage with these options. */
    protected abstract SettingsStore openStore(StoreOptions options);

    /** Everything the backend stored (settings and history), as raw bytes. */
    protected abstract byte[] rawStoredBytes() throws Exception;

    /** Edits per writer in the concurrent-editors test: 8 x 100 as the issue asks. */
    protected int editsPerWriter() {
        return 100;
    }

    protected StoreOptions.Builder options() {
        return StoreOptions.builder().schema(RelaySettings.SCHEMA).keys(KEY_1).checkInterval(Duration.ZERO)
                .clock(Clock.fixed(T0, ZoneOffset.UTC)).environment(name -> name.equals("RELAY_PASSWORD")
                        ? "from-the-environment" : null);
    }

    protected final SettingsStore open(StoreOptions options) {
        SettingsStore store = openStore(options);
        opened.add(store);
        return store;
    }

    protected final SettingsStore open() {
        return open(options().build());
    }

    @AfterEach
    void closeStores() {
        opened.forEach(SettingsStore::close);
    }

    private static String key(int seed) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) seed);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void changeSetIsAppliedAsOneNewVersion() {
        SettingsStore store = open();
        long base = store.snapshot().version();

        long version = store.apply(ChangeSet.builder(base, "ann").set("relay.host", "smtp.example.com")
                .set("relay.port", "587").set("servers.eu-1.relay.host", "eu.example.com").build());

        assertThat(version).isEqualTo(base + 1);
        StoreSnapshot snapshot = store.snapshot();
        assertThat(snapshot.version()).isEqualTo(version);
        assertThat(snapshot.values()).containsEntry("relay.host", "smtp.example.com").containsEntry("relay.port", "587")
                .containsEntry("servers.eu-1.relay.host", "eu.example.com");
        assertThat(store.current().resolve("eu-1").get(RelaySettings.HOST)).isEqualTo("eu.example.com");
        assertThat(store.current().resolve("us-1").get(RelaySettings.PORT)).isEqualTo(587);
    }

    @Test
    void invalidChangeSetIsRefusedWithEveryProblemByFullKeyAndWritesNothing() throws Exception {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").set("relay.host", "smtp.example.com").build());
        byte[] before = rawStoredBytes();

        SettingsException refused = catchThrowableOfType(SettingsException.class, () -> store.apply(
                ChangeSet.builder(1, "ann").set("relay.host", "other.example.com").set("relay.port", "70000")
                        .set("servers.eu-1.relay.prot", "25").build()));

        assertThat(refused.problems()).extracting(Problem::key)
                .containsExactlyInAnyOrder("relay.port", "servers.eu-1.relay.prot");
        assertThat(rawStoredBytes()).isEqualTo(before);
        assertThat(store.snapshot().version()).isEqualTo(1);
        assertThat(store.current().resolveGlobal().get(RelaySettings.HOST)).isEqualTo("smtp.example.com");
    }

    @Test
    void templateThatDoesNotParseIsRefusedAtSaveNamingLayerTemplateAndPosition() throws Exception {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").set("templates.invitation.subject", "Welcome {{user}}")
                .set("templates.invitation.text", "Hello {{user}}").build());
        byte[] before = rawStoredBytes();

        SettingsException refused = catchThrowableOfType(SettingsException.class, () -> store.apply(
                ChangeSet.builder(1, "ann").set("servers.eu-1.templates.invitation.de.text",
                        "Hallo {{user}},\n\nIhre Dateien:\n  {{#files}}{{name}}{{/file}}").build()));

        assertThat(refused.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.eu-1.templates.invitation.de.text");
            assertThat(p.message()).contains("template 'invitation' (de, text) does not parse")
                    .contains("line 4, column 21").contains("{{/file}} does not close {{#files}}");
        });
        assertThat(rawStoredBytes()).isEqualTo(before);
        assertThat(store.snapshot().version()).isEqualTo(1);
    }

    @Test
    void savedTemplateReachesTheNextRender() {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").set("templates.invitation.subject", "Welcome {{user}}")
                .set("templates.invitation.text", "Hello {{user}}").build());
        try (Notifier notifier = Notifier.builder().settings(store).build()) {
            TemplateMessage message = TemplateMessage.of("invitation", Locale.GERMAN).with("user", "Ann");
            assertThat(notifier.server("eu-1").render(message).subject().get().text()).isEqualTo("Welcome Ann");

            store.apply(ChangeSet.builder(1, "ann").set("servers.eu-1.templates.invitation.de.subject",
                    "Willkommen {{user}}").set("servers.eu-1.templates.invitation.de.text", "Hallo {{user}}").build());

            RenderedTemplate rendered = notifier.server("eu-1").render(message);
            assertThat(rendered.subject().get().text()).isEqualTo("Willkommen Ann");
            assertThat(rendered.subject().get().origin()).isEqualTo(Origin.server("eu-1"));
            assertThat(notifier.server("eu-2").render(message).subject().get().origin()).isEqualTo(Origin.GLOBAL);
        }
    }

    @Test
    void staleBaseVersionIsRefusedNamingTheKeysTheOtherEditChanged() {
        SettingsStore ann = open();
        SettingsStore bob = open();
        long base = ann.snapshot().version();
        ann.apply(ChangeSet.builder(base, "ann").set("relay.host", "a.example.com")
                .set("servers.eu-1.relay.port", "2525").build());

        ConflictException conflict = catchThrowableOfType(ConflictException.class, () -> bob.apply(
                ChangeSet.builder(base, "bob").set("relay.user", "bob").build()));

        assertThat(conflict.changedKeys()).containsExactlyInAnyOrder("relay.host", "servers.eu-1.relay.port");
        assertThat(conflict.baseVersion()).isEqualTo(base);
        assertThat(conflict.currentVersion()).isEqualTo(base + 1);
        assertThat(bob.snapshot().value("relay.user")).isEmpty();
    }

    @Test
    void historyRecordsVersionAuthorTimeCommentAndOldAndNewValues() {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").set("relay.host", "a.example.com").build());
        store.apply(ChangeSet.builder(1, "bob").comment("new relay").set("relay.host", "b.example.com")
                .set("relay.port", "2525").build());

        List<HistoryEntry> history = store.history(0, 10);

        assertThat(history).extracting(HistoryEntry::version).containsExactly(1L, 2L);
        HistoryEntry second = history.get(1);
        assertThat(second.author()).isEqualTo("bob");
        assertThat(second.comment()).contains("new relay");
        assertThat(second.time()).isEqualTo(T0);
        assertThat(second.kind()).isEqualTo(Kind.APPLIED);
        assertThat(second.changes()).extracting(KeyChange::toString).containsExactlyInAnyOrder(
                "relay.host: a.example.com -> b.example.com", "relay.port: (not set) -> 2525");
        assertThat(store.history(1, 10)).extracting(HistoryEntry::version).containsExactly(2L);
    }

    @Test
    void rollbackRestoresAnEarlierVersionAsANewChange() {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").set("relay.host", "a.example.com").build());
        store.apply(ChangeSet.builder(1, "bob").set("relay.host", "b.example.com").set("relay.user", "bob")
                .setSecret("relay.password", Secret.of(PLAIN_PASSWORD)).build());

        long version = store.rollback(1, "carol", "b was wrong");

        assertThat(version).isEqualTo(3);
        assertThat(store.snapshot().values()).containsExactly(Map.entry("relay.host", "a.example.com"));
        HistoryEntry entry = store.history(2, 10).get(0);
        assertThat(entry.kind()).isEqualTo(Kind.ROLLBACK);
        assertThat(entry.author()).isEqualTo("carol");
        assertThat(entry.changes()).extracting(KeyChange::key)
                .containsExactlyInAnyOrder("relay.host", "relay.user", "relay.password");
        assertThat(store.current().resolveGlobal().find(RelaySettings.PASSWORD)).isEmpty();

        store.rollback(2, "carol", null);
        assertThat(store.current().resolveGlobal().get(RelaySettings.PASSWORD).reveal()).isEqualTo(PLAIN_PASSWORD);
    }

    @Test
    void secretIsEncryptedAtRestReadBackMaskedAndDecryptedForSending() throws Exception {
        SettingsStore store = open();

        store.apply(ChangeSet.builder(0, "ann").setSecret("servers.eu-1.relay.password", Secret.of(PLAIN_PASSWORD))
                .build());
        store.apply(ChangeSet.builder(1, "ann").setSecret("servers.eu-1.relay.password",
                Secret.of(PLAIN_PASSWORD + "-2")).build());

        assertThat(new String(rawStoredBytes(), StandardCharsets.ISO_8859_1)).doesNotContain(PLAIN_PASSWORD);
        StoreSnapshot snapshot = store.snapshot();
        assertThat(snapshot.value("servers.eu-1.relay.password")).contains(Secret.MASK);
        assertThat(snapshot.isSecret("servers.eu-1.relay.password")).isTrue();
        assertThat(store.history(0, 10)).flatExtracting(HistoryEntry::changes).extracting(KeyChange::toString)
                .containsExactly("servers.eu-1.relay.password: set", "servers.eu-1.relay.password: changed");
        assertThat(store.history(0, 10).toString()).doesNotContain(PLAIN_PASSWORD);
        assertThat(open().current().resolve("eu-1").get(RelaySettings.PASSWORD).reveal())
                .isEqualTo(PLAIN_PASSWORD + "-2");
    }

    @Test
    void secretGivenAsAReferenceIsKeptAsTheReference() {
        SettingsStore store = open();

        store.apply(ChangeSet.builder(0, "ann").setSecret("relay.password", Secret.of("${env:RELAY_PASSWORD}"))
                .build());

        assertThat(store.snapshot().value("relay.password")).contains("${env:RELAY_PASSWORD}");
        assertThat(store.current().resolveGlobal().get(RelaySettings.PASSWORD).reveal())
                .isEqualTo("from-the-environment");
    }

    @Test
    void secretValueWithoutAnEncryptionKeyIsRefused() {
        SettingsStore store = open(options().keys(EncryptionKeys.none()).build());

        SettingsException refused = catchThrowableOfType(SettingsException.class, () -> store.apply(
                ChangeSet.builder(0, "ann").setSecret("relay.password", Secret.of(PLAIN_PASSWORD)).build()));

        assertThat(refused.problems()).extracting(Problem::key).containsExactly("relay.password");
        assertThat(refused.getMessage()).doesNotContain(PLAIN_PASSWORD);
        assertThat(store.snapshot().values()).isEmpty();
    }

    @Test
    void reencryptRewritesEverySecretUnderTheCurrentKey() throws Exception {
        open().apply(ChangeSet.builder(0, "ann").setSecret("relay.password", Secret.of(PLAIN_PASSWORD))
                .setSecret("servers.eu-1.relay.password", Secret.of(PLAIN_PASSWORD + "-eu")).build());
        SettingsStore rotated = open(options().keys(KEY_2_THEN_1).build());

        long version = rotated.reencrypt("ann");

        assertThat(rotated.history(version - 1, 1).get(0).kind()).isEqualTo(Kind.REENCRYPTED);
        SettingsStore onlyNewKey = open(options().keys(EncryptionKeys.parse("k2:" + key(2), "test")).build());
        assertThat(onlyNewKey.current().resolve("eu-1").get(RelaySettings.PASSWORD).reveal())
                .isEqualTo(PLAIN_PASSWORD + "-eu");
        assertThat(onlyNewKey.status().isOk()).isTrue();
        assertThat(new String(rawStoredBytes(), StandardCharsets.ISO_8859_1)).doesNotContain(PLAIN_PASSWORD);
    }

    @Test
    void serversAndRegionsAreAddedAndRemovedWithTheirInheritance() {
        SettingsStore store = open();
        store.apply(ChangeSet.builder(0, "ann").addServer("eu", null).set("servers.eu.relay.host", "eu.example.com")
                .addServer("eu-1", "eu").set("servers.eu-1.relay.port", "2525").build());

        assertThat(store.current().resolve("eu-1").get(RelaySettings.HOST)).isEqualTo("eu.example.com");
        SettingsException refused = catchThrowableOfType(SettingsException.class,
                () -> store.apply(ChangeSet.builder(1, "ann").removeServer("eu").build()));
        assertThat(refused.problems()).extracting(Problem::key).containsExactly("servers.eu-1.inherits");

        store.apply(ChangeSet.builder(1, "ann").removeServer("eu-1").removeServer("eu").build());
        assertThat(store.snapshot().values()).isEmpty();
    }

    @Test
    void anotherStoreOnTheSameStorageSeesTheChangeOnItsNextReadAndTellsItsListeners() {
        SettingsStore reader = open();
        reader.current();
        List<Long> seen = new CopyOnWriteArrayList<>();
        reader.addListener(new StoreListener() {
            @Override
            public void settingsChanged(long version) {
                seen.add(version);
            }
        });

        open().apply(ChangeSet.builder(0, "ann").set("relay.host", "new.example.com").build());

        assertThat(reader.current().resolveGlobal().get(RelaySettings.HOST)).isEqualTo("new.example.com");
        assertThat(seen).containsExactly(1L);
    }

    @Test
    void concurrentWritersRetryingOnConflictEndWithEveryEditRecordedAndTheReplayedState() throws Exception {
        int writers = 8;
        int edits = editsPerWriter();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> conflicts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            SettingsStore store = open();
            String key = w % 2 == 0 ? "servers.w" + w + ".relay.port" : "relay.user";
            int writer = w;
            conflicts.add(pool.submit(() -> {
                start.await();
                int refused = 0;
                for (int i = 1; i <= edits; i++) {
                    String value = key.endsWith("port") ? String.valueOf(1000 + i) : "w" + writer + "-" + i;
                    while (true) {
                        long base = store.snapshot().version();
                        try {
                            store.apply(ChangeSet.builder(base, "w" + writer).set(key, value).build());
                            break;
                        } catch (ConflictException e) {
                            refused++;
                        }
                    }
                }
                return refused;
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        for (Future<Integer> f : conflicts) {
            f.get();
        }

        SettingsStore store = open();
        List<HistoryEntry> history = store.history(0, Integer.MAX_VALUE);
        assertThat(history).hasSize(writers * edits).allMatch(e -> e.kind() == Kind.APPLIED);
        assertThat(history).extracting(HistoryEntry::version).isSorted().doesNotHaveDuplicates();
        Map<String, String> replayed = new LinkedHashMap<>();
        for (HistoryEntry entry : history) {
            for (KeyChange change : entry.changes()) {
                assertThat(change.before()).isEqualTo(java.util.Optional.ofNullable(replayed.get(change.key())));
                change.after().ifPresentOrElse(v -> replayed.put(change.key(), v), () -> replayed.remove(change.key()));
            }
        }
        assertThat(store.snapshot().values()).isEqualTo(replayed);
        assertThat(replayed).containsEntry("servers.w0.relay.port", String.valueOf(1000 + edits));
    }
}
