package dev.notify.spring.boot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.admin.AdminAuthorization;
import dev.notify.admin.AdminPage;
import dev.notify.admin.Administrator;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import dev.notify.store.FileSettingsStore;
import dev.notify.store.SettingsStore;
import dev.notify.web.WebRequest;
import dev.notify.web.WebResponse;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The admin page is mounted only when enabled, on the application's store, and never without the host's
 * authorization: an {@link AdminAuthorization} bean, or Spring Security's principal with {@code notify.admin.role}.
 */
class NotifyAdminAutoConfigurationTest {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class,
                    NotifyAdminAutoConfiguration.class));

    private ApplicationContextRunner withStore() {
        return runner.withBean(SettingsStore.class, () -> FileSettingsStore.open(directory.resolve("settings.json")));
    }

    private static final AdminAuthorization ALICE_ONLY = request -> request.principal()
            .filter(principal -> principal.getName().equals("alice"))
            .map(principal -> Administrator.of("alice", "Alice", "alice@example.com"));

    @Test
    void nothingIsMountedUnlessEnabled() {
        withStore().withBean(AdminAuthorization.class, () -> ALICE_ONLY).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(AdminPage.class);
            assertThat(context).doesNotHaveBean(ServletRegistrationBean.class);
        });
    }

    @Test
    void enabledMountsThePageBehindTheHostsAuthorization() {
        withStore().withBean(AdminAuthorization.class, () -> ALICE_ONLY)
                .withPropertyValues("notify.admin.enabled=true", "notify.admin.path=/ops/mail",
                        "server.servlet.context-path=/app")
                .run(context -> {
                    ServletRegistrationBean<?> servlet = context.getBean(ServletRegistrationBean.class);
                    AdminPage page = context.getBean(AdminPage.class);

                    WebResponse alice = page.handle(get("alice"));
                    WebResponse bob = page.handle(get("bob"));
                    WebResponse nobody = page.handle(WebRequest.builder("GET", "/").build());

                    assertThat(servlet.getUrlMappings()).containsExactly("/ops/mail/*");
                    assertThat(alice.status()).isEqualTo(200);
                    assertThat(alice.bodyText()).contains("Global settings", "action=\"/app/ops/mail/save\"",
                            "alice@example.com");
                    assertThat(bob.status()).isEqualTo(403);
                    assertThat(bob.bodyText()).doesNotContain("Global settings");
                    assertThat(nobody.status()).isEqualTo(401);
                });
    }

    @Test
    void theDefaultPathIsNotifyAdmin() {
        withStore().withBean(AdminAuthorization.class, () -> ALICE_ONLY)
                .withPropertyValues("notify.admin.enabled=true").run(context -> {
                    ServletRegistrationBean<?> servlet = context.getBean(ServletRegistrationBean.class);
                    assertThat(servlet.getUrlMappings()).containsExactly("/notify-admin/*");
                    assertThat(context.getBean(AdminPage.class).handle(get("alice")).bodyText())
                            .contains("action=\"/notify-admin/save\"");
                });
    }

    @Test
    void springSecurityAuthorizesAnAuthenticatedPrincipalWithTheRole() {
        withStore().withPropertyValues("notify.admin.enabled=true", "notify.admin.role=MAIL_ADMIN").run(context -> {
            AdminPage page = context.getBean(AdminPage.class);
            var admin = UsernamePasswordAuthenticationToken.authenticated("carol", null,
                    AuthorityUtils.createAuthorityList("ROLE_MAIL_ADMIN"));
            var user = UsernamePasswordAuthenticationToken.authenticated("dave", null,
                    AuthorityUtils.createAuthorityList("ROLE_USER", "MAIL_ADMIN"));
            var unauthenticated = UsernamePasswordAuthenticationToken.unauthenticated("erin", "guess");
            var anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
                    AuthorityUtils.createAuthorityList("ROLE_MAIL_ADMIN"));

            WebResponse carol = page.handle(get(admin));

            assertThat(carol.status()).isEqualTo(200);
            assertThat(carol.bodyText()).contains("Global settings", "carol");
            assertThat(page.handle(get(user)).status()).isEqualTo(403);
            assertThat(page.handle(get(unauthenticated)).status()).isEqualTo(403);
            assertThat(page.handle(get(anonymous)).status()).isEqualTo(403);
            assertThat(page.handle(WebRequest.builder("GET", "/").build()).status()).isEqualTo(401);
        });
    }

    @Test
    void testEmailIsAddressedToTheSpringSecurityPrincipalWhenItsNameIsAnAddress() {
        withStore().withPropertyValues("notify.admin.enabled=true").run(context -> {
            AdminPage page = context.getBean(AdminPage.class);

            String byAddress = page.handle(get(administrator("carol@example.com"))).bodyText();
            String byName = page.handle(get(administrator("carol"))).bodyText();

            assertThat(byAddress).contains(TEST_RECIPIENT + "carol@example.com\"");
            assertThat(byName).contains("name=\"test-recipient\" value>");
        });
    }

    @Test
    void theTestRecipientPropertyAddressesAdministratorsWithoutAnAddress() {
        withStore().withPropertyValues("notify.admin.enabled=true", "notify.admin.test-recipient= ops@example.com ")
                .run(context -> {
                    AdminPage page = context.getBean(AdminPage.class);

                    assertThat(page.handle(get(administrator("carol"))).bodyText())
                            .contains(TEST_RECIPIENT + "ops@example.com\"");
                    assertThat(page.handle(get(administrator("dave@example.com"))).bodyText())
                            .as("the administrator's own address first")
                            .contains(TEST_RECIPIENT + "dave@example.com\"");
                });
        withStore().withBean(AdminAuthorization.class, () -> ALICE_ONLY)
                .withPropertyValues("notify.admin.enabled=true", "notify.admin.test-recipient=ops@example.com")
                .run(context -> assertThat(context.getBean(AdminPage.class).handle(get("alice")).bodyText())
                        .contains(TEST_RECIPIENT + "alice@example.com\""));
    }

    @Test
    void aTestRecipientThatIsNotOneAddressIsRefusedNamingTheKey() {
        withStore().withPropertyValues("notify.admin.enabled=true",
                "notify.admin.test-recipient=Ops <ops@example.com>").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).anySatisfy(message -> assertThat(message)
                            .contains("notify.admin.test-recipient", "one email address"));
                });
    }

    @Test
    void theApplicationsAuthorizationWinsOverSpringSecurity() {
        withStore().withBean(AdminAuthorization.class, () -> ALICE_ONLY).withPropertyValues("notify.admin.enabled=true")
                .run(context -> {
                    var admin = UsernamePasswordAuthenticationToken.authenticated("carol", null,
                            AuthorityUtils.createAuthorityList("ROLE_NOTIFY_ADMIN"));
                    assertThat(context).getBeans(AdminAuthorization.class).hasSize(1);
                    assertThat(context.getBean(AdminPage.class).handle(get(admin)).status()).isEqualTo(403);
                });
    }

    @Test
    void enabledWithoutAuthorizationDoesNotStart() {
        withStore().withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .withPropertyValues("notify.admin.enabled=true").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).anySatisfy(message -> assertThat(message)
                            .contains("notify.admin.enabled=true", "define an AdminAuthorization bean",
                                    "add Spring Security"));
                });
    }

    @Test
    void enabledWithoutAStoreDoesNotStart() {
        runner.withBean(AdminAuthorization.class, () -> ALICE_ONLY).withPropertyValues("notify.admin.enabled=true")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).anySatisfy(message -> assertThat(message)
                            .contains("notify.admin.enabled=true", "notify.store.type=jdbc"));
                });
    }

    @Test
    void aPathThatIsNotAPathIsRefusedNamingTheKey() {
        withStore().withBean(AdminAuthorization.class, () -> ALICE_ONLY)
                .withPropertyValues("notify.admin.enabled=true", "notify.admin.path=notify-admin/").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure()))
                            .anySatisfy(message -> assertThat(message).contains("notify.admin.path"));
                });
    }

    private static final String TEST_RECIPIENT = "id=\"test-recipient\" name=\"test-recipient\" value=\"";

    private static UsernamePasswordAuthenticationToken administrator(String name) {
        return UsernamePasswordAuthenticationToken.authenticated(name, null,
                AuthorityUtils.createAuthorityList("ROLE_NOTIFY_ADMIN"));
    }

    private static WebRequest get(String name) {
        Principal principal = () -> name;
        return get(principal);
    }

    private static WebRequest get(Principal principal) {
        return WebRequest.builder("GET", "/").principal(principal).build();
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }
}
