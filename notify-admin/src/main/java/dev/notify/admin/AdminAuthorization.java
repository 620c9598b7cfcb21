package dev.notify.admin;

import dev.notify.web.WebRequest;
import java.util.Optional;

/**
 * The host decides who may use the admin page: the page calls this for every request, static files included,
 * and answers {@code 401} (nobody signed in: {@link WebRequest#principal()} is empty) or {@code 403} (signed in
 * but not allowed) when it returns empty. The host typically checks its own session or the servlet container's
 * principal and role:
 *
 * <pre>{@code
 * AdminAuthorization auth = request -> request.principal()
 *         .filter(p -> users.isAdministrator(p.getName()))
 *         .map(p -> Administrator.of(p.getName(), users.displayName(p.getName()), users.email(p.getName())));
 * }</pre>
 *
 * <p>Implementations must be threadsafe.
 */
@FunctionalInterface
public interface AdminAuthorization {

    /** The administrator making the request, or empty when the request must be refused. */
    Optional<Administrator> authorize(WebRequest request);
}
