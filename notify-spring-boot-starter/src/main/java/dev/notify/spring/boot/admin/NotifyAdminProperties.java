package dev.notify.spring.boot.admin;

import dev.notify.InvalidMessageException;
import dev.notify.message.EmailAddress;
import java.util.Optional;
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
 * @param testRecipient The address Test Email is sent to by default when the signed-in administrator has none: when
 *                      the AdminAuthorization gives no email address (Spring Security's default gives the
 *                      principal's name when that is an address). Not set by default: the field starts empty.
 */
@ConfigurationProperties("notify.admin")
public record NotifyAdminProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("/notify-admin") String path, @DefaultValue("NOTIFY_ADMIN") String role,
        String testRecipient) {

    public NotifyAdminProperties {
        if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException("notify.admin.path must be a path such as /notify-admin, was '"
                    + path + "'");
        }
        if (role == null || !role.matches("[A-Za-z0-9_.-]+") || role.startsWith("ROLE_")) {
            throw new IllegalArgumentException("notify.admin.role must be a role name such as NOTIFY_ADMIN, without "
                    + "the ROLE_ prefix, was '" + role + "'");
        }
        if (testRecipient != null && !testRecipient.isBlank() && !isAddress(testRecipient.strip())) {
            throw new IllegalArgumentException("notify.admin.test-recipient must be one email address such as "
                    + "ops@example.com, was '" + testRecipient + "'");
        }
        testRecipient = testRecipient == null || testRecipient.isBlank() ? null : testRecipient.strip();
    }

    /** {@link #testRecipient()}, when set. */
    public Optional<String> defaultTestRecipient() {
        return Optional.ofNullable(testRecipient);
    }

    /** Whether {@code text} is a bare email address ({@code alice@example.com}, not {@code Alice <alice@...>}). */
    static boolean isAddress(String text) {
        if (text.indexOf('@') < 0) {
            return false;
        }
        try {
            EmailAddress address = EmailAddress.parse(text);
            return address.displayName().isEmpty() && address.address().equals(text);
        } catch (InvalidMessageException e) {
            return false;
        }
    }
}
