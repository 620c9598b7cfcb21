package dev.notify.spring.boot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Origin;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingsSource;
import dev.notify.spring.boot.EnvironmentSettingsSource;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import dev.notify.spring.boot.NotifySettingsChangedEvent;
import dev.notify.spring.boot.health.NotifyHealthContributor;
import dev.notify.spring.boot.health.NotifyHealthContributorAutoConfiguration;
import dev.notify.store.ChangeSet;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreListener;
import dev.notify.store.StoreStatus;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/** The settings store on the application's DataSource, in a real Spring context over a real PostgreSQL. */
class NotifyStoreAutoConfigurationTest {

    private static final EmailMessage WELCOME = EmailMessage.builder().to("alice@example.com").subject("Welcome")
            .text("Hello").build();

    @TempDir
    Path dir;

    private final TestDatabase database = TestDatabase.create();

    private final ApplicationContextRunner withoutStore = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class, NotifyStoreAutoConfiguration.class,
                    NotifyHealthContributorAutoConfiguration.class))
            .withBean(FakeEmailProvider.class)
            .withBean(DataSource.class, () -> database)
            .withPropertyValues(
                    "notify.email.enabled=true",
                    "notify.email.delivery-method=fake",
                    "notify.email.sender=Portal <noreply@example.com>",
                    "notify.servers.eu-1.email.sender=EU 1 <noreply@eu-1.example.com>");
    private final ApplicationContextRunner runner = withoutStore.withPropertyValues("notify.store.type=jdbc");

    @Test
    void storeChangeOverridesThePropertyOnTheNextSendAndUnsetFallsBackToIt() {
        runner.run(context -> {
            Notifier notifier = context.getBean(Notifier.class);
            SettingsStore store = context.getBean(SettingsStore.class);
            notifier.server("eu-1").sendEmail(WELCOME);

            long version = store.apply(ChangeSet.builder(store.snapshot().version(), "admin")
                    .set("servers.eu-1.email.sender", "EU 1 from the store <eu-1@store.example.com>").build());
            notifier.server("eu-1").sendEmail(WELCOME);

            store.apply(ChangeSet.builder(version, "admin").unset("servers.eu-1.email.sender").build());
            notifier.server("eu-1").sendEmail(WELCOME);

            assertThat(Outbox.of(notifier).emails()).extracting(m -> m.from().orElseThrow()).containsExactly(
                    EmailAddress.parse("EU 1 <noreply@eu-1.example.com>"),
                    EmailAddress.parse("EU 1 from the store <eu-1@store.example.com>"),
                    EmailAddress.parse("EU 1 <noreply@eu-1.example.com>"));
        });
    }

    @Test
    void storeKeysOverrideOnlyThemselvesAndKeepTheirLayersOrigin() {
        runner.run(context -> {
            SettingsStore store = context.getBean(SettingsStore.class);
            SettingsSource settings = context.getBean(SettingsSource.class);

            store.apply(ChangeSet.builder(store.snapshot().version(), "admin")
                    .set("email.sender", "Store <noreply@store.example.com>")
                    .set("servers.us-1.email.reply-to", "help@us-1.example.com").build());

            SettingKey<?> sender = settings.current().schema().key("email.sender").orElseThrow();
            ResolvedSettings eu1 = settings.current().resolve("eu-1");
            ResolvedSettings us1 = settings.current().resolve("us-1");
            assertThat(eu1.find(sender).orElseThrow()).isEqualTo(EmailAddress.parse("EU 1 <noreply@eu-1.example.com>"));
            assertThat(eu1.origin(sender)).isEqualTo(Origin.server("eu-1"));
            assertThat(us1.find(sender).orElseThrow()).isEqualTo(EmailAddress.parse("Store <noreply@store.example.com>"));
            assertThat(us1.origin(sender)).isEqualTo(Origin.GLOBAL);
            assertThat(us1.fullKey(sender)).isEqualTo("notify.email.sender");
            assertThat(settings.current().serverIds()).containsExactlyInAnyOrder("eu-1", "us-1");
        });
    }

    @Test
    void sameSettingsInstanceUntilTheStoreOrThePropertiesChange() {
        runner.run(context -> {
            SettingsStore store = context.getBean(SettingsStore.class);
            SettingsSource settings = context.getBean(SettingsSource.class);
            var before = settings.current();

            assertThat(settings.current()).isSameAs(before);
            store.apply(ChangeSet.builder(store.snapshot().version(), "admin")
                    .set("email.sender", "Store <noreply@store.example.com>").build());

            assertThat(settings.current()).isNotSameAs(before);
            assertThat(settings.current()).isSameAs(settings.current());
        });
    }

    @Test
    void reloadedPropertiesChangeWhatTheStoreDoesNotHold() {
        runner.run(context -> {
            Notifier notifier = context.getBean(Notifier.class);
            SettingsStore store = context.getBean(SettingsStore.class);
            store.apply(ChangeSet.builder(store.snapshot().version(), "admin")
                    .set("servers.eu-1.email.sender", "Stored <eu-1@store.example.com>").build());

            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("admin", Map.of(
                    "notify.email.sender", "Reloaded <noreply@reloaded.example.com>",
                    "notify.servers.eu-1.email.sender", "Reloaded EU 1 <eu-1@reloaded.example.com>")));
            context.publishEvent(new NotifySettingsChangedEvent(this));
            notifier.server("eu-1").sendEmail(WELCOME);
            notifier.server("us-1").sendEmail(WELCOME);

            assertThat(Outbox.of(notifier).emails()).extracting(m -> m.from().orElseThrow()).containsExactly(
                    EmailAddress.parse("Stored <eu-1@store.example.com>"),
                    EmailAddress.parse("Reloaded <noreply@reloaded.example.com>"));
        });
    }

    @Test
    void withoutTheOptInNoStoreIsCreatedAndTheDataSourceIsNotTouched() {
        withoutStore.run(context -> {
            Notifier notifier = context.getBean(Notifier.class);
            notifier.server("eu-1").sendEmail(WELCOME);

            assertThat(context).doesNotHaveBean(SettingsStore.class);
            assertThat(context.getBean(SettingsSource.class)).isInstanceOf(EnvironmentSettingsSource.class);
            assertThat(health(context.getBean(NotifyHealthContributor.class), NotifyHealthContributor.SETTINGS_STORE))
                    .isNull();
            assertThat(database.connectionsAsked()).isZero();
        });
    }

    @Test
    void withoutADataSourceTheOptInCreatesNoStore() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class,
                        NotifyStoreAutoConfiguration.class))
                .withBean(FakeEmailProvider.class)
                .withPropertyValues("notify.store.type=jdbc", "notify.email.enabled=true",
                        "notify.email.delivery-method=fake", "notify.email.sender=noreply@example.com")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(SettingsStore.class);
                    assertThat(context.getBean(SettingsSource.class)).isInstanceOf(EnvironmentSettingsSource.class);
                });
    }

    @Test
    void withoutNotifySettingsStoreOnTheClassPathTheOptInCreatesNoStore() {
        runner.withClassLoader(new FilteredClassLoader("dev.notify.store.")).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SettingsStore.class);
            assertThat(context.getBean(SettingsSource.class)).isInstanceOf(EnvironmentSettingsSource.class);
            assertThat(health(context.getBean(NotifyHealthContributor.class), NotifyHealthContributor.SETTINGS_STORE))
                    .isNull();
            assertThat(database.connectionsAsked()).isZero();
        });
    }

    @Test
    void healthShowsTheStoreUnavailableAndStaysUpWhileSendsGoOnWithTheLastGoodSettings() {
        runner.withPropertyValues("notify.store.check-interval=50ms").run(context -> {
            Notifier notifier = context.getBean(Notifier.class);
            SettingsStore store = context.getBean(SettingsStore.class);
            NotifyHealthContributor health = context.getBean(NotifyHealthContributor.class);
            long version = store.apply(ChangeSet.builder(store.snapshot().version(), "admin")
                    .set("servers.eu-1.email.sender", "Stored <eu-1@store.example.com>").build());
            assertThat(health(health, NotifyHealthContributor.SETTINGS_STORE).getDetails())
                    .containsEntry("state", "OK").containsEntry("version", version);
            CountDownLatch unavailable = new CountDownLatch(1);
            store.addListener(new StoreListener() {
                @Override
                public void statusChanged(StoreStatus status) {
                    if (status.state() == StoreStatus.State.UNAVAILABLE) {
                        unavailable.countDown();
                    }
                }
            });

            database.goDown();
            assertThat(unavailable.await(30, TimeUnit.SECONDS)).isTrue();
            notifier.server("eu-1").sendEmail(WELCOME);

            Health storeHealth = health(health, NotifyHealthContributor.SETTINGS_STORE);
            assertThat(storeHealth.getStatus()).isEqualTo(Status.UP);
            assertThat(storeHealth.getDetails()).containsEntry("state", "UNAVAILABLE").containsEntry("version", version)
                    .containsKey("problem");
            assertThat(health(health, "eu-1").getStatus()).isEqualTo(Status.UP);
            assertThat(Outbox.of(notifier).emails()).extracting(m -> m.from().orElseThrow())
                    .containsExactly(EmailAddress.parse("Stored <eu-1@store.example.com>"));
        });
    }

    @Test
    void secretsWrittenThroughTheStoreAreEncryptedWithTheKeysFile() throws Exception {
        Path keys = Files.writeString(dir.resolve("notify-keys"),
                "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        runner.withPropertyValues("notify.store.keys-file=" + keys).run(context -> {
            SettingsStore store = context.getBean(SettingsStore.class);

            store.apply(ChangeSet.builder(store.snapshot().version(), "admin")
                    .setSecret("email.smtp.auth.password", Secret.of("relay-password-1")).build());

            assertThat(store.snapshot().value("email.smtp.auth.password")).hasValue(Secret.MASK);
            assertThat(allStoredText()).isNotEmpty().doesNotContain("relay-password-1");
        });
    }

    @Test
    void keysFileAndVariableTogetherStopTheApplicationNamingBoth() {
        runner.withPropertyValues("notify.store.keys-file=" + dir.resolve("keys"), "notify.store.keys-variable=KEYS")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("notify.store.keys-file").hasMessageContaining("notify.store.keys-variable"));
    }

    @Test
    void unreadableKeysFileStopsTheApplicationNamingTheProperty() {
        runner.withPropertyValues("notify.store.keys-file=" + dir.resolve("missing"))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("notify.store.keys-file: "));
    }

    private String allStoredText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = database.direct(); Statement s = c.createStatement();
                ResultSet tables = s.executeQuery("SELECT tablename FROM pg_tables WHERE tablename LIKE 'notify_%'")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                try (Statement t = c.createStatement(); ResultSet rows = t.executeQuery("SELECT * FROM " + table)) {
                    while (rows.next()) {
                        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                            text.append(rows.getString(i)).append('\t');
                        }
                    }
                }
            }
        }
        return text.toString();
    }

    private static Health health(NotifyHealthContributor contributor, String name) {
        HealthIndicator indicator = (HealthIndicator) contributor.getContributor(name);
        return indicator == null ? null : indicator.health();
    }
}
