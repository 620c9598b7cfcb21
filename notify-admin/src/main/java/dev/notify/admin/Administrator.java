package dev.notify.admin;

import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in administrator, as the host's {@link AdminAuthorization} names them.
 *
 * @param id          a stable identity (a user id or login): the author of saved changes in the history, the key
 *                    Test Email's rate limit counts by, and what the page's CSRF token is bound to
 * @param displayName how the page greets them
 * @param email       their address, the default recipient of Test Email; empty when the host has none
 */
public record Administrator(String id, String displayName, Optional<String> email) {

    public Administrator {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(email, "email");
    }

    /** An administrator with an address. */
    public static Administrator of(String id, String displayName, String email) {
        return new Administrator(id, displayName, Optional.ofNullable(email).filter(e -> !e.isBlank()));
    }
}
