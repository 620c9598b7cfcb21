package dev.notify.spring.boot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.admin.AdminAuthorization;
import dev.notify.admin.AdminPage;
import dev.notify.admin.Administrator;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import dev.notify.spring.boot.admin.NotifyAdminAutoConfiguration;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import dev.notify.settings.SettingsSchema;
import dev.notify.store.ChangeSet;
import dev.notify.store.JdbcSettingsStore;
import dev.notify.store.SettingsStore;
import dev.notify.store.StoreListener;
import dev.notify.store.StoreOptions;
import java.security.Principal;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/**
 * The admin page as an application gets it: {@code notify.store.type=jdbc} on a real PostgreSQL, the notifier's
 * settings from the {@code notify.} properties under the store, and {@code notify.admin.} beside them.
 */
class NotifyAdminOnJdbcStoreTest {

    private static final Principal ALICE = () -> "alice";

    private final TestDatabase database = TestDatabase.create();

    /** The application: a JDBC store on the test database, the admin page enabled, alice its administrator. */
    private ApplicationContextRunner application() {
        AdminAuthorization authorization = request -> request.principal()
                .filter(p -> p.getName().equals("alice")).map(p -> Administrator.of("alice", "Alice", null));
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class,
                        NotifyStoreAutoConfiguration.class, NotifyAdminAutoConfiguration.class))
                .withBean(FakeEmailProvider.class)
                .withBean(DataSource.class, () -> database)
                .withBean(AdminAuthorization.class, () -> authorization)
                .withPropertyValues("notify.store.type=jdbc", "notify.admin.enabled=true");
    }

    @Test
    void thePageRunsOnTheApplicationsJdbcStoreAndItsPropertiesAreNotSettings() {
        application().withPropertyValues("notify.admin.path=/settings/mail", "notify.admin.role=MAIL_ADMIN",
                        "notify.email.enabled=true", "notify.email.delivery-method=fake",
                        "notify.email.sender=Portal <noreply@example.com>")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ServletRegistrationBean<?> servlet = context.getBean(ServletRegistrationBean.class);
                    WebResponse page = context.getBean(AdminPage.class)
                            .handle(WebRequest.builder("GET", "/").principal(ALICE).build());

                    assertThat(servlet.getUrlMappings()).containsExactly("/settings/mail/*");
                    assertThat(page.status()).isEqualTo(200);
                    assertThat(page.bodyText()).contains("Global settings", "action=\"/settings/mail/save\"");
                    assertThat(database.connectionsAsked()).isPositive();
                });
    }

    @Test
    void aChangeSavedByAnotherStoreOnTheSameDatabaseIsShownOnTheNextPage() {
        application().withPropertyValues("notify.email.enabled=true", "notify.email.delivery-method=fake")
                .run(context -> {
                    AdminPage page = context.getBean(AdminPage.class);
                    WebRequest global = WebRequest.builder("GET", "/").principal(ALICE).build();
                    assertThat(page.handle(global).bodyText()).doesNotContain("other@example.com");
                    CountDownLatch noticed = new CountDownLatch(1);
                    context.getBean(SettingsStore.class).addListener(new StoreListener() {
                        @Override
                        public void settingsChanged(long version) {
                            noticed.countDown();
                        }
                    });

                    try (SettingsStore other = JdbcSettingsStore.builder(database).options(StoreOptions.builder()
                            .schema(context.getBean(SettingsSchema.class)).build()).build()) {
                        other.apply(ChangeSet.builder(other.snapshot().version(), "bob")
                                .set("email.sender", "Other <other@example.com>").build());
                    }

                    assertThat(noticed.await(30, TimeUnit.SECONDS)).as("the application's store noticed").isTrue();
                    assertThat(page.handle(global).bodyText()).contains("Other &lt;other@example.com&gt;");
                });
    }
}
