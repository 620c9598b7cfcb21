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
import java.security.Principal;
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

    private final TestDatabase database = TestDatabase.create();

    @Test
    void thePageRunsOnTheApplicationsJdbcStoreAndItsPropertiesAreNotSettings() {
        Principal alice = () -> "alice";
        AdminAuthorization authorization = request -> request.principal()
                .filter(p -> p.getName().equals("alice")).map(p -> Administrator.of("alice", "Alice", null));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class,
                        NotifyStoreAutoConfiguration.class, NotifyAdminAutoConfiguration.class))
                .withBean(FakeEmailProvider.class)
                .withBean(DataSource.class, () -> database)
                .withBean(AdminAuthorization.class, () -> authorization)
                .withPropertyValues("notify.store.type=jdbc", "notify.admin.enabled=true",
                        "notify.admin.path=/settings/mail", "notify.admin.role=MAIL_ADMIN",
                        "notify.email.enabled=true", "notify.email.delivery-method=fake",
                        "notify.email.sender=Portal <noreply@example.com>")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ServletRegistrationBean<?> servlet = context.getBean(ServletRegistrationBean.class);
                    WebResponse page = context.getBean(AdminPage.class)
                            .handle(WebRequest.builder("GET", "/").principal(alice).build());

                    assertThat(servlet.getUrlMappings()).containsExactly("/settings/mail/*");
                    assertThat(page.status()).isEqualTo(200);
                    assertThat(page.bodyText()).contains("Global settings", "action=\"/settings/mail/save\"");
                    assertThat(database.connectionsAsked()).isPositive();
                });
    }
}
