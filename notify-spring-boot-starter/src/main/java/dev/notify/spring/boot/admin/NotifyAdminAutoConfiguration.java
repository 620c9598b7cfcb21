package dev.notify.spring.boot.admin;

import dev.notify.Notifier;
import dev.notify.NotifierBuilder;
import dev.notify.admin.AdminAuthorization;
import dev.notify.admin.AdminPage;
import dev.notify.admin.Administrator;
import dev.notify.settings.SettingsSchema;
import dev.notify.spring.boot.NotifyAutoConfiguration;
import dev.notify.spring.boot.store.NotifyStoreAutoConfiguration;
import dev.notify.store.SettingsStore;
import dev.notify.web.servlet.WebHandlerServlet;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Mounts notify-admin's {@link AdminPage} as a servlet at {@code notify.admin.path} (default {@code /notify-admin})
 * when {@code notify.admin.enabled=true}, notify-admin and the Servlet API are on the class path and there is a
 * {@link Notifier}. The page edits the application's {@link SettingsStore} bean ({@code notify.store.type=jdbc}
 * creates one), counts on the notifier's clock, and its Test Email, Check and Test SMS use notifiers with the
 * application notifier's providers.
 *
 * <p>Who may use the page is the host's decision: its {@link AdminAuthorization} bean, or else, with Spring
 * Security on the class path, an authenticated principal with the role {@code notify.admin.role} (default
 * {@code NOTIFY_ADMIN}), whose name is also Test Email's default recipient when it is an email address. An
 * administrator the authorization gives no address gets {@code notify.admin.test-recipient}, when set. With
 * neither authorization, or without a settings store, the application does not start: the page is never served
 * without the host's authentication.
 */
@AutoConfiguration(after = {NotifyAutoConfiguration.class, NotifyStoreAutoConfiguration.class})
@ConditionalOnClass(name = {"dev.notify.admin.AdminPage", "dev.notify.web.servlet.WebHandlerServlet",
        "jakarta.servlet.http.HttpServlet"})
@ConditionalOnProperty(prefix = "notify.admin", name = "enabled", havingValue = "true")
@ConditionalOnBean(Notifier.class)
@EnableConfigurationProperties(NotifyAdminProperties.class)
public class NotifyAdminAutoConfiguration {

    /** Created by Spring. */
    public NotifyAdminAutoConfiguration() {
    }

    /**
     * The page, on the application's store and authorization.
     *
     * @throws IllegalStateException naming {@code notify.admin.enabled} and {@code notify.store.type} without a
     *     {@link SettingsStore} bean, or saying to define an {@link AdminAuthorization} bean or add Spring Security
     *     without an authorization
     */
    @Bean
    @ConditionalOnMissingBean
    public AdminPage notifyAdminPage(ObjectProvider<SettingsStore> stores,
            ObjectProvider<AdminAuthorization> authorizations, Notifier notifier, SettingsSchema schema,
            NotifyAdminProperties properties, Environment environment) {
        SettingsStore store = stores.getIfUnique();
        if (store == null) {
            throw new IllegalStateException("notify.admin.enabled=true needs a settings store for the admin page "
                    + "to edit: set notify.store.type=jdbc (with a DataSource) or define one SettingsStore bean");
        }
        AdminAuthorization authorization = authorizations.getIfUnique();
        if (authorization == null) {
            throw new IllegalStateException("notify.admin.enabled=true needs the host to decide who may use the "
                    + "admin page: define an AdminAuthorization bean or add Spring Security (spring-security-core); "
                    + "the page is never served unauthenticated");
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return AdminPage.builder(store, withTestRecipient(authorization, properties))
                .mountPath(stripTrailingSlash(contextPath) + properties.path())
                .clock(notifier.clock())
                .testNotifiers(settings -> {
                    NotifierBuilder builder = Notifier.builder().settings(settings).clock(notifier.clock())
                            .discoverProviders(false);
                    schema.providers().forEach(builder::provider);
                    schema.extensions().forEach(builder::settingsExtension);
                    return builder.build();
                })
                .build();
    }

    /** The servlet that serves the page, at {@code notify.admin.path}. */
    @Bean
    public ServletRegistrationBean<WebHandlerServlet> notifyAdminServlet(AdminPage page,
            NotifyAdminProperties properties) {
        ServletRegistrationBean<WebHandlerServlet> registration = new ServletRegistrationBean<>(
                new WebHandlerServlet(page), properties.path() + "/*");
        registration.setName("notifyAdmin");
        return registration;
    }

    /** The authorization, giving {@code notify.admin.test-recipient} to administrators it gives no address. */
    private static AdminAuthorization withTestRecipient(AdminAuthorization authorization,
            NotifyAdminProperties properties) {
        Optional<String> recipient = properties.defaultTestRecipient();
        if (recipient.isEmpty()) {
            return authorization;
        }
        return request -> authorization.authorize(request).map(admin -> admin.email().isPresent() ? admin
                : new Administrator(admin.id(), admin.displayName(), recipient));
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Spring Security's principal and role, when the application has Spring Security and no authorization bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.Authentication")
    static class SpringSecurityAuthorization {

        @Bean
        @ConditionalOnMissingBean
        AdminAuthorization notifyAdminAuthorization(NotifyAdminProperties properties) {
            return new SpringSecurityAdminAuthorization(properties.role());
        }
    }
}
