package dev.notify.spring.boot.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin page, under {@code notify.admin.}: the starter's own properties, not notify settings.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param enabled Whether to mount notify-admin's Email and SMS settings page. Off by default; needs a settings store
 *                (notify.store.type=jdbc) and an AdminAuthorization bean or Spring Security.
 * @param path    Where the page is mounted in the application, below the servlet context path.
 * @param role    The role a Spring Security principal must have to use the page (as hasRole: the authority is
 *                ROLE_ followed by it), when the application defines no AdminAuthorization bean.
 */
@ConfigurationProperties("notify.admin")
public record NotifyAdminProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("/notify-admin") String path, @DefaultValue("NOTIFY_ADMIN") String role) {

    public NotifyAdminProperties {
        if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException("notify.admin.path must be a path such as /notify-admin, was '"
                    + path + "'");
        }
        if (role == null || !role.matches("[A-Za-z0-9_.-]+") || role.startsWith("ROLE_")) {
            throw new IllegalArgumentException("notify.admin.role must be a role name such as NOTIFY_ADMIN, without "
                    + "the ROLE_ prefix, was '" + role + "'");
        }
    }
}
